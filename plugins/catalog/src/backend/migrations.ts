export { CATALOG_MIGRATIONS_TABLE, catalogMigrations } from './migrations/index.js';
