import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { z } from 'zod';
import { defineConfigSection } from '../config/readConfig.js';

const pgConnectionObject = z
  .object({
    host: z.string().optional(),
    port: z.coerce.number().int().positive().optional(),
    user: z.string().optional(),
    password: z.string().optional(),
    database: z.string().optional(),
    ssl: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
  })
  .loose();

export const databaseConfigSection = defineConfigSection(
  'database',
  z.discriminatedUnion('client', [
    z.object({
      client: z.literal('pglite'),
      directory: z.string().min(1).default('./data/db'),
    }),
    z.object({
      client: z.literal('pg'),
      connection: z.union([z.string().min(1), pgConnectionObject]),
      pool: z.object({ min: z.number().int().min(0).default(0), max: z.number().int().min(1).default(10) }).default({ min: 0, max: 10 }),
    }),
  ]),
);

export type DatabaseConfig = z.output<typeof databaseConfigSection.schema>;

/**
 * Opens the database: an embedded PGlite data directory, or a Postgres server. Both speak the same
 * SQL through knex, so the rest of the portal never asks which one it has.
 */
export async function createDatabase(config: DatabaseConfig, options: { cwd?: string } = {}): Promise<Knex> {
  if (config.client === 'pglite') {
    const directory = path.resolve(options.cwd ?? process.cwd(), config.directory);
    fs.mkdirSync(directory, { recursive: true });
    // Opened here rather than by knex-pglite, so that it carries the extensions the plugins'
    // migrations install (pg_trgm, for search), and so that a slow first start of a new data
    // directory is waited for here rather than timing out in knex's pool.
    const pglite = await PGlite.create(directory, { extensions: { pg_trgm } });
    const knex = knexFactory({
      client: ClientPgLite as unknown as typeof Knex.Client,
      dialect: 'postgres',
      connection: { pglite } as Knex.StaticConnectionConfig,
      useNullAsDefault: true,
    });
    await knex.raw('select 1');
    return knex;
  }
  const knex = knexFactory({
    client: 'pg',
    connection: config.connection as Knex.StaticConnectionConfig | string,
    pool: config.pool,
  });
  await knex.raw('select 1');
  return knex;
}
