/**
 * RepoUrlPicker's value, Backstage's format: `host?owner=acme&repo=payments` (plus `organization`,
 * `workspace`, `project` for hosts that need them).
 */
export interface RepoUrlParts {
  host: string;
  owner?: string;
  repo?: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

const QUERY_KEYS = ['owner', 'repo', 'organization', 'workspace', 'project'] as const;

export function parseRepoPickerUrl(value: string | undefined): RepoUrlParts {
  if (!value) return { host: '' };
  const question = value.indexOf('?');
  const host = question === -1 ? value : value.slice(0, question);
  const params = new URLSearchParams(question === -1 ? '' : value.slice(question + 1));
  const parts: RepoUrlParts = { host };
  for (const key of QUERY_KEYS) {
    const found = params.get(key);
    if (found !== null) parts[key] = found;
  }
  return parts;
}

export function serializeRepoPickerUrl(parts: RepoUrlParts): string {
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = parts[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `${parts.host}?${query}` : parts.host;
}

// Git hosts differ in detail, but all accept these; a leading "." or "-" reads as a hidden file or an option.
const REPO_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** A repository or owner name as every supported git host accepts it: no "/", no spaces, no newline. */
export function isValidRepoName(value: string): boolean {
  return REPO_NAME.test(value);
}
