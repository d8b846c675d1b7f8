import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { testDatabaseKinds, type TestDatabaseKind } from '@portal/backend-common/testing';
import { startBackend, type RunningBackend } from './startBackend.js';
import { isolatedConfigLines, makeTempConfig } from './testing.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The rules docs/auth.md's route table may name, and what each lets through. */
const RULES = ['public', 'sign-in', 'read', 'signed-in', 'person', 'write', 'webhook', 'token'] as const;
type RouteRule = (typeof RULES)[number];

/** The `| METHOD | `/path` | rule | … |` rows of the "Routes" section of docs/auth.md. */
function documentedRoutes(): Map<string, RouteRule> {
  const text = fs.readFileSync(path.join(repoRoot, 'docs/auth.md'), 'utf8');
  const section = text.slice(text.indexOf('\n## Routes'));
  const rows = new Map<string, RouteRule>();
  for (const match of section.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \| `([a-z-]+)` \|/gm)) {
    const rule = match[3] as RouteRule;
    if (!RULES.includes(rule)) throw new Error(`docs/auth.md names an unknown rule '${rule}' for ${match[1]} ${match[2]}`);
    rows.set(`${match[1]} ${match[2]}`, rule);
  }
  return rows;
}

/** A concrete URL for a route pattern: parameters get a placeholder, optional parts are left out. */
function sampleUrl(route: string): string {
  return route.replace(/\{[^}]*\}/g, '').replace(/[:*][A-Za-z]+/g, 'sample');
}

const WRITE_TOKEN = 'route-walk-write-token';
const READ_TOKEN = 'route-walk-read-token';
const callers = {
  anonymous: {},
  'a bad token': { authorization: 'Bearer not-a-configured-token' },
  'a read token': { authorization: `Bearer ${READ_TOKEN}` },
  'a write token': { authorization: `Bearer ${WRITE_TOKEN}` },
} as const;
type Caller = keyof typeof callers;

/** What a caller must get from a route of each rule: a status, or "through" (neither 401 nor 403). */
const expected: Record<RouteRule, Partial<Record<Caller, number | 'through'>>> = {
  public: { anonymous: 'through' },
  'sign-in': { anonymous: 'through' },
  read: { anonymous: 401, 'a bad token': 401, 'a read token': 'through', 'a write token': 'through' },
  'signed-in': { anonymous: 401, 'a bad token': 401, 'a read token': 'through', 'a write token': 'through' },
  // Tokens are not people: a route about the signed-in person refuses them too.
  person: { anonymous: 401, 'a bad token': 401, 'a read token': 401, 'a write token': 401 },
  token: { anonymous: 401, 'a bad token': 401, 'a read token': 'through', 'a write token': 'through' },
  write: { anonymous: 401, 'a bad token': 401, 'a read token': 403, 'a write token': 'through' },
  webhook: { anonymous: 401, 'a bad token': 401, 'a read token': 403, 'a write token': 'through' },
};

async function databaseLines(kind: TestDatabaseKind, dir: string): Promise<{ lines: string[]; drop(): Promise<void> }> {
  const isolated = isolatedConfigLines(dir, {
    backend: [
      'auth:',
      '  externalAccess:',
      `    - { type: static, options: { token: ${WRITE_TOKEN}, subject: deploy-bot } }`,
      `    - { type: static, options: { token: ${READ_TOKEN}, subject: dashboard, access: read } }`,
    ],
  });
  if (kind === 'pglite') return { lines: isolated, drop: async () => {} };
  const url = process.env.PORTAL_TEST_DATABASE_URL!;
  const schema = `routes_${Date.now().toString(36)}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`create schema ${schema}`);
  const connection = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const database = isolated.indexOf('database:');
  return {
    lines: [...isolated.slice(0, database), 'database:', '  client: pg', `  connection: ${JSON.stringify(connection)}`, ...isolated.slice(database + 3)],
    drop: async () => {
      await admin.raw(`drop schema if exists ${schema} cascade`);
      await admin.destroy();
    },
  };
}

describe.each(testDatabaseKinds())('every route of a production server on %s', kind => {
  let backend: RunningBackend;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const { dir, file } = makeTempConfig('');
    const database = await databaseLines(kind, dir);
    drop = database.drop;
    fs.writeFileSync(file, [...database.lines, 'examples: { seed: false }', 'auth: { providers: { guest: {} } }'].join('\n'));
    backend = await startBackend({
      argv: ['--config', file],
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production', PORT: '' },
      logger: createLogger({ level: 'silent' }),
      appDistDir: path.join(dir, 'no-app'),
    });
  });
  afterAll(async () => {
    await backend?.shutdown();
    await drop?.();
  });

  it('documents every registered route in docs/auth.md, and nothing that is not registered', () => {
    const registered = backend
      .routes()
      .map(r => `${r.method} ${r.path}`)
      .sort();
    const documented = [...documentedRoutes().keys()].sort();
    expect(
      registered.filter(r => !documented.includes(r)),
      'routes missing from the table in docs/auth.md',
    ).toEqual([]);
    expect(
      documented.filter(r => !registered.includes(r)),
      'rows of docs/auth.md no route answers',
    ).toEqual([]);
  });

  it('lets through exactly whom each route rule names, before reading any body', async () => {
    const failures: string[] = [];
    for (const [route, rule] of documentedRoutes()) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const [caller, want] of Object.entries(expected[rule]) as Array<[Caller, number | 'through']>) {
        const hasBody = method !== 'GET';
        const response = await fetch(`${backend.url}${sampleUrl(pattern)}`, {
          method,
          redirect: 'manual',
          headers: { ...callers[caller], ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          // Malformed JSON from callers who may not get through: parsing it first would answer 400.
          body: hasBody ? (want === 'through' ? '{}' : '{') : undefined,
        });
        await response.arrayBuffer();
        const through = response.status !== 401 && response.status !== 403;
        if (want === 'through' ? !through : response.status !== want) {
          failures.push(`${route} (${rule}) with ${caller}: ${response.status}, expected ${want}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
