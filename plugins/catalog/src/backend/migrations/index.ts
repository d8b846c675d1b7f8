import type { Migration } from '@portal/backend-common';
import { catalogTablesMigration } from './0001_catalog.js';
import { searchTableMigration } from './0002_catalog_search.js';
import { searchStatisticsMigration } from './0003_catalog_search_statistics.js';
import { searchWordsMigration } from './0004_catalog_search_words.js';
import { entityJsonMigration } from './0005_catalog_entity_json.js';
import { searchCoveringIndexMigration } from './0006_catalog_search_covering_index.js';
import { searchKindIndexesMigration } from './0007_catalog_search_kind_indexes.js';
import { lighterWritesMigration } from './0008_catalog_lighter_writes.js';
import { catalogGenerationMigration } from './0009_catalog_generation.js';
import { partialKindIndexMigration } from './0010_catalog_search_partial_kind_index.js';
import { narrowerKindIndexMigration } from './0011_catalog_search_narrower_kind_index.js';
import { kindRulesMigration } from './0012_catalog_location_kind_rules.js';
import { registeredByMigration } from './0013_catalog_location_registered_by.js';
import { relationsCoveringIndexMigration } from './0014_catalog_relations_covering_index.js';

export const CATALOG_MIGRATIONS_TABLE = 'catalog_migrations';

/**
 * The catalog's schema, step by step. Each step holds its own SQL and copies of anything else it
 * needs: a step that has run on some databases must do the same on every other, whatever the
 * live code has become. Names are stored in catalog_migrations and never change; a change to
 * the schema is a new step at the end.
 */
export const catalogMigrations: Migration[] = [
  catalogTablesMigration,
  searchTableMigration,
  searchStatisticsMigration,
  searchWordsMigration,
  entityJsonMigration,
  searchCoveringIndexMigration,
  searchKindIndexesMigration,
  lighterWritesMigration,
  catalogGenerationMigration,
  partialKindIndexMigration,
  narrowerKindIndexMigration,
  kindRulesMigration,
  registeredByMigration,
  relationsCoveringIndexMigration,
];
