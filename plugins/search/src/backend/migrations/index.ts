import type { Migration } from '@portal/backend-common';
import { searchDocumentsMigration } from './0001_search_documents.js';

export const SEARCH_MIGRATIONS_TABLE = 'search_migrations';

/**
 * Each step holds its own SQL: a step that has run on some databases must do the same on every
 * other. Names are stored in search_migrations and never change; a change to the schema is a new
 * step at the end.
 */
export const searchMigrations: Migration[] = [searchDocumentsMigration];
