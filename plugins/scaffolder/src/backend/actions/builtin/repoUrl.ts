import { InputError } from '@portal/backend-common';

export interface RepoSpec {
  host: string;
  owner?: string;
  repo: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

/** The RepoUrlPicker's `host?owner=o&repo=r` form; the same rules as the parseRepoUrl filter. */
export function parseRepoUrl(repoUrl: string): RepoSpec {
  const q = repoUrl.indexOf('?');
  const host = (q >= 0 ? repoUrl.slice(0, q) : repoUrl).trim();
  if (!host || !/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    throw new InputError(`The repoUrl "${repoUrl}" is not valid: expected "host?owner=o&repo=r"`);
  }
  const params = new URLSearchParams(q >= 0 ? repoUrl.slice(q + 1) : '');
  const repo = params.get('repo');
  if (!repo) throw new InputError(`The repoUrl "${repoUrl}" has no repo`);
  const spec: RepoSpec = { host: host.toLowerCase(), repo };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const value = params.get(key);
    if (value) spec[key] = value;
  }
  return spec;
}

export function ownerOf(spec: RepoSpec): string {
  const owner = spec.owner ?? spec.organization ?? spec.workspace ?? spec.project;
  if (!owner) throw new InputError(`The repoUrl for ${spec.host} needs an owner`);
  return owner;
}
