import type { Migration } from '@portal/backend-common';
import { sitesAndPagesMigration } from './0001_sites_and_pages.js';

export const TECHDOCS_MIGRATIONS_TABLE = 'techdocs_migrations';

/**
 * Each step holds its own SQL: a step that has run on some databases must do the same on every
 * other. Names are stored in techdocs_migrations and never change; a change to the schema is a new
 * step at the end.
 */
export const techdocsMigrations: Migration[] = [sitesAndPagesMigration];
