import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CatalogClient } from '@backstage/catalog-client';
import { commitAndPush } from '@portal/git';
import type { TestGitHost } from '@portal/git/testing';
import { TEST_TOKEN, tempDir, writeFiles, type TestCatalog } from './testCatalog.js';

export interface CatalogOverHttp {
  /** Where the catalog's routes are, as Backstage's discovery answers for `catalog`. */
  baseUrl: string;
  /** Backstage's own client, signed in with the test token. */
  client: CatalogClient;
  /** A raw request to the catalog, signed in, for what the client cannot send. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Serves the test catalog's Express app on a free loopback port and points Backstage's client at it. */
export async function serveOverHttp(catalog: TestCatalog): Promise<CatalogOverHttp> {
  const server = http.createServer(catalog.app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/catalog`;
  const signedFetch = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${TEST_TOKEN}`);
    return fetch(input, { ...init, headers });
  };
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: signedFetch as typeof fetch },
  });
  return {
    baseUrl,
    client,
    fetch: (path, init) => signedFetch(`${baseUrl}${path}`, init),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}

export interface HostedRepository {
  /** The URL of the repository's root `catalog-info.yaml`, as a location's target. */
  catalogUrl: string;
  /** The repository's web URL, as a person pastes it into "register existing component". */
  repoUrl: string;
  /** Commits a new version: the given files change (`null` deletes one), the others stay. */
  push(files: Record<string, string | null>): Promise<void>;
}

/** A repository on the test git host holding these files, pushed as one commit on main. */
export async function hostRepository(host: TestGitHost, owner: string, name: string, files: Record<string, string>): Promise<HostedRepository> {
  const repo = await host.host.createRepository({ owner, name });
  const dir = tempDir('catalog-conformance-');
  const push = async (changed: Record<string, string | null>) => {
    await commitAndPush({
      dir: writeFiles(dir, changed),
      remoteUrl: repo.cloneUrl,
      token: host.writeToken,
      message: 'Update the catalog files',
      author: { name: 'Mae Jemison', email: 'mae.jemison@acme.example' },
    });
  };
  await push(files);
  return { catalogUrl: `${host.baseUrl}/git/${owner}/${name}/blob/main/catalog-info.yaml`, repoUrl: `${host.baseUrl}/git/${owner}/${name}`, push };
}

/**
 * The ref of the Location entity Backstage generates for a registered location: its name is
 * `generated-` and the SHA-1 of `<type>:<target>`.
 */
export function generatedLocationRef(target: string, type = 'url'): string {
  return `location:default/generated-${createHash('sha1').update(`${type}:${target}`).digest('hex')}`;
}

/** The sibling file of a location target, as a Location entity's relative target resolves. */
export function siblingUrl(target: string, file: string): string {
  return new URL(file, target).toString();
}
