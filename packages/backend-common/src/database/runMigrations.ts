import type { Knex } from 'knex';

export interface Migration {
  /** Sorted by name; use a zero-padded prefix such as `0001_entities`. */
  name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

export interface RunMigrationsOptions {
  /** The plugin's own migrations table, such as `catalog_migrations`. */
  tableName: string;
  migrations: Migration[];
}

/**
 * Runs a plugin's pending migrations. Migrations are plain objects compiled into the plugin,
 * so nothing is read from disk at start-up. Replicas starting together wait for each other on
 * knex's lock table rather than failing.
 */
export async function runMigrations(knex: Knex, options: RunMigrationsOptions): Promise<void> {
  const byName = new Map(options.migrations.map(m => [m.name, m]));
  const source: Knex.MigrationSource<Migration> = {
    getMigrations: async () => [...options.migrations].sort((a, b) => a.name.localeCompare(b.name)),
    getMigrationName: m => m.name,
    getMigration: async m => {
      const migration = byName.get(m.name)!;
      return { up: migration.up, down: migration.down ?? (async () => {}) };
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await knex.migrate.latest({ tableName: options.tableName, migrationSource: source });
      return;
    } catch (error) {
      if (!isMigrationLocked(error) || attempt >= 50) throw error;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/**
 * knex's error for a migrations table another process has locked. knex does not export its class
 * (`LockError` in its Migrator), so the name knex gives it is the only thing to tell it by.
 */
function isMigrationLocked(error: unknown): boolean {
  return error instanceof Error && error.name === 'MigrationLocked';
}
