import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { createHttpAuth, createLogger, createPermissionPolicy, createPermissions, errorHandler, notFoundHandler } from '@portal/backend-common';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@portal/backend-common/testing';
import { GitReader } from '@portal/git';
import { createCatalogPlugin, type CatalogPlugin } from '@portal/plugin-catalog/backend';
import { createTechdocsPlugin, type TechdocsPlugin } from '@portal/plugin-techdocs/backend';
import { createSearchPlugin, type SearchPlugin } from '../index.js';

export const READ_TOKEN = 'search-test-read-token-0123';

/** An organisation small enough to read, with the names the ranking tests ask about. */
export const organisation: Record<string, string> = {
  'org.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform-team, description: Runs the portal }
spec: { type: team, children: [], members: [jane-doe] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jane-doe, description: Platform team lead }
spec:
  profile: { displayName: Jane Doe, email: jane.doe@acme.example }
  memberOf: [platform-team]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: janet-ng }
spec:
  profile: { displayName: Janet Ng, email: janet.ng@acme.example }
  memberOf: [platform-team]
`,
  'catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  description: Takes card payments for the storefront; ask Jane about refunds
  tags: [java, payments]
  annotations: { backstage.io/techdocs-ref: 'dir:.' }
spec: { type: service, lifecycle: production, owner: user:jane-doe, providesApis: [payments-api] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: payments-api, description: Charge cards and refund payments }
spec: { type: openapi, lifecycle: production, owner: platform-team, definition: 'openapi: 3.0.0' }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, description: Double-entry bookkeeping of every payment }
spec: { type: service, lifecycle: experimental, owner: platform-team }
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: node-service, title: Node.js service, description: A new payments-ready service with CI, tags: [node] }
spec: { type: service, owner: platform-team, steps: [] }
`,
};

export const paymentLifecycle = `# Payment lifecycle

A payment moves from *authorised* to *captured*.

## Idempotency

Every POST needs an \`Idempotency-Key\`; a retry with the same key answers the first result.

## Refunds

Refunds go back to the card.
`;

export interface SearchTestbed {
  db: TestDatabase;
  dir: string;
  catalog: CatalogPlugin;
  search: SearchPlugin;
  techdocs: TechdocsPlugin;
  /** Opens a page of the payments component's docs, which renders them when they are new. */
  readDocs(): Promise<void>;
  request: supertest.Agent;
  auth: { Authorization: string };
  destroy(): Promise<void>;
}

/**
 * The real catalog reading files from disk, the real search plugin listening to it, behind an
 * Express app as the backend mounts it; `readRule` is `permission.rules.catalog.entity.read`.
 */
export async function createSearchTestbed(kind: TestDatabaseKind, options: { readRule?: 'public' | 'anyone' } = {}): Promise<SearchTestbed> {
  const db = await createTestDatabase(kind);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-test-'));
  for (const [file, text] of Object.entries(organisation)) fs.writeFileSync(path.join(dir, file), text);
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Payments\n');
  fs.writeFileSync(path.join(dir, 'docs/payment-lifecycle.md'), paymentLifecycle);
  const logger = createLogger({ level: 'silent' });
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: READ_TOKEN, subject: 'reader', access: 'read' } }] });
  const permissions = createPermissions({ httpAuth, policy: createPermissionPolicy({ rules: { 'catalog.entity.read': options.readRule ?? 'public' } }) });
  const env = { knex: db.knex, logger, httpAuth, baseUrl: 'http://localhost:7007', serviceToken: 'unused-service-token', permissions };
  const gitReader = new GitReader({ cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'search-git-')), integrations: [] });
  const catalog = await createCatalogPlugin({ ...env, config: { catalog: { refreshInterval: '1h' } }, gitReader });
  const techdocs = await createTechdocsPlugin({ ...env, config: { techdocs: { checkInterval: 0 } }, gitReader, catalog: catalog.client });
  const search = await createSearchPlugin({ ...env, config: {}, catalog: catalog.client, docs: techdocs.service });
  await catalog.client.addLocation(
    { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
    { allowFile: true, trusted: { allowKinds: ['User', 'Group', 'Component', 'API', 'Template', 'Location'] } },
  );
  await catalog.client.addLocation({ type: 'file', target: path.join(dir, 'org.yaml') }, { allowFile: true, trusted: { allowKinds: ['User', 'Group'] } });
  await search.indexer.settle();
  const app = express();
  app.use('/api/search', httpAuth.middleware, search.router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return {
    db,
    dir,
    catalog,
    search,
    techdocs,
    readDocs: async () => {
      await techdocs.service.getPage('component:default/payments', 'payment-lifecycle');
      await search.indexer.settle();
    },
    request: supertest.agent(app),
    auth: { Authorization: `Bearer ${READ_TOKEN}` },
    destroy: async () => {
      await search.stop?.();
      await techdocs.stop?.();
      await catalog.stop?.();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
