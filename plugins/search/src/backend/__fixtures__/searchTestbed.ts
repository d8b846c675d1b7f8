import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { createHttpAuth, createLogger, createPermissionPolicy, createPermissions, errorHandler, notFoundHandler } from '@portal/backend-common';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@portal/backend-common/testing';
import { GitReader } from '@portal/git';
import { createCatalogPlugin, type CatalogPlugin } from '@portal/plugin-catalog/backend';
import { createDocsRenderer } from '@portal/plugin-techdocs/backend';
import type { RenderedDocsSite, SearchDocs } from '../index.js';
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

/** A TechDocs stand-in that renders one page with TechDocs' own renderer and tells its listeners. */
export function createDocsFeed(): SearchDocs & { publish(entityRef: string, markdown: string): Promise<void> } {
  const render = createDocsRenderer();
  const listeners = new Set<(site: RenderedDocsSite) => void>();
  const sites = new Map<string, RenderedDocsSite>();
  return {
    async publish(entityRef, markdown) {
      const page = await render(markdown, {
        file: 'payment-lifecycle.md',
        files: new Set(['payment-lifecycle.md']),
        pageUrl: (p, hash) => `/docs/default/component/payments/${p}${hash}`,
        assetUrl: f => `/assets/${f}`,
      });
      const site = { entityRef, siteName: 'Payments', pages: [{ path: 'payment-lifecycle', title: page.title ?? 'Payment lifecycle', html: page.html }] };
      sites.set(entityRef, site);
      for (const listener of listeners) listener(site);
    },
    async *renderedSites() {
      yield* sites.values();
    },
    onSiteRendered(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export interface SearchTestbed {
  db: TestDatabase;
  dir: string;
  catalog: CatalogPlugin;
  search: SearchPlugin;
  docs: ReturnType<typeof createDocsFeed>;
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
  const logger = createLogger({ level: 'silent' });
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: READ_TOKEN, subject: 'reader', access: 'read' } }] });
  const permissions = createPermissions({ httpAuth, policy: createPermissionPolicy({ rules: { 'catalog.entity.read': options.readRule ?? 'public' } }) });
  const env = { knex: db.knex, logger, httpAuth, baseUrl: 'http://localhost:7007', serviceToken: 'unused-service-token', permissions };
  const gitReader = new GitReader({ cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'search-git-')), integrations: [] });
  const catalog = await createCatalogPlugin({ ...env, config: { catalog: { refreshInterval: '1h' } }, gitReader });
  const docs = createDocsFeed();
  const search = await createSearchPlugin({ ...env, config: {}, catalog: catalog.client, docs });
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
    docs,
    request: supertest.agent(app),
    auth: { Authorization: `Bearer ${READ_TOKEN}` },
    destroy: async () => {
      await search.stop?.();
      await catalog.stop?.();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
