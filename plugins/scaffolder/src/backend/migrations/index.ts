import type { Migration } from '@portal/backend-common';
import { tasksMigration } from './0001_tasks.js';

export const SCAFFOLDER_MIGRATIONS_TABLE = 'scaffolder_migrations';

/**
 * Each step holds its own SQL: a step that has run on some databases must do the same on every
 * other. Names are stored in scaffolder_migrations and never change; a change to the schema is a new
 * step at the end.
 */
export const scaffolderMigrations: Migration[] = [tasksMigration];
