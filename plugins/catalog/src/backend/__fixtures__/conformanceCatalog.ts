import type { AddLocationResponse, CatalogClient } from '@backstage/catalog-client';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@portal/backend-common/testing';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { hostRepository, serveOverHttp, type CatalogOverHttp, type HostedRepository } from './catalogOverHttp.js';
import { manyComponents, PEOPLE_FILES, SHIPPING_FILES } from './shippingOrganisation.js';
import { createTestCatalog, type TestCatalog } from './testCatalog.js';

/** An entity as Backstage's client types it. */
export type BackstageEntity = NonNullable<Awaited<ReturnType<CatalogClient['getEntityByRef']>>>;

/** The entity's ref, `kind:namespace/name` in lower case, as Backstage's catalog keys entities. */
export const refOf = (e: BackstageEntity) => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase();

/** Components in the `bulk` namespace: more than one page of Backstage's default page size (200). */
export const BULK_COUNT = 230;

export interface ServedCatalog {
  catalog: TestCatalog;
  http: CatalogOverHttp;
  client: CatalogClient;
}

export interface ConformanceCatalog extends ServedCatalog {
  db: TestDatabase;
  host: TestGitHost;
  people: HostedRepository;
  shipping: HostedRepository;
  bulk: HostedRepository;
  /** What Backstage's client answered when it registered the shipping repository. */
  registeredShipping: AddLocationResponse;
  /** A new repository with these files; names are unique within the run. */
  repository(name: string, files: Record<string, string>): Promise<HostedRepository>;
  /** Another catalog instance on the same database and git host, with its own config, over HTTP. */
  serveAnother(catalogConfig: Record<string, unknown>): Promise<ServedCatalog>;
  close(): Promise<void>;
}

/**
 * The catalog plugin on a real database behind a real HTTP server, reading a real git host, with
 * the shipping organisation registered: its people in-process as a trusted location (as config
 * would), the shipping system and a bulk repository through Backstage's client.
 */
export async function startConformanceCatalog(kind: TestDatabaseKind): Promise<ConformanceCatalog> {
  const host = await startTestGitHost();
  const db = await createTestDatabase(kind);
  const served: ServedCatalog[] = [];
  const serve = async (catalogConfig: Record<string, unknown>): Promise<ServedCatalog> => {
    const catalog = await createTestCatalog({ db, catalog: catalogConfig, gitReader: host.createReader() });
    const http = await serveOverHttp(catalog);
    const entry = { catalog, http, client: http.client };
    served.push(entry);
    return entry;
  };
  let repositories = 0;
  const repository = (name: string, files: Record<string, string>) => hostRepository(host, 'acme', `${name}-${++repositories}`, files);

  const main = await serve({});
  const people = await repository('people', PEOPLE_FILES);
  await main.catalog.plugin.client.addLocation({ type: 'url', target: people.catalogUrl }, { trusted: { allowKinds: ['Group', 'User'] } });
  const shipping = await repository('shipping', SHIPPING_FILES);
  const registeredShipping = await main.client.addLocation({ type: 'url', target: shipping.catalogUrl });
  const bulk = await repository('bulk', { 'catalog-info.yaml': manyComponents('bulk', BULK_COUNT) });
  await main.client.addLocation({ type: 'url', target: bulk.catalogUrl });

  return {
    ...main,
    db,
    host,
    people,
    shipping,
    bulk,
    registeredShipping,
    repository,
    serveAnother: serve,
    close: async () => {
      for (const { catalog, http } of served.splice(0)) {
        await http.close();
        await catalog.plugin.stop?.();
      }
      await db.destroy();
      await host.close();
    },
  };
}
