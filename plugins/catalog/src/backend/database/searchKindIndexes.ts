import type { Migration } from '@portal/backend-common';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

/**
 * The kind of the entity an entity ref names: refs are `kind:namespace/name` lower-cased, and a
 * kind is letters and digits only, so the text before the first colon is the entity's kind as
 * its `kind` search row holds it. Indexes below use this exact expression; queries must too.
 */
export function kindOfRefSql(column: string): string {
  return `split_part(${column}, ':', 1)`;
}

/**
 * Nearly every catalog query names a kind (the index page's tabs). Ordinary filters would join
 * each condition's rows with the tens of thousands of rows of `kind=component`; with the kind in
 * the index, a facet of one kind is an index-only range scan, and a condition narrowed to a kind
 * reads only that kind's entries, still ordered by entity_ref.
 */
export const searchKindIndexesMigration: Migration = {
  name: '0007_catalog_search_kind_indexes',
  up: async knex => {
    await knex.raw(
      `create index catalog_search_key_kind_value_idx on ${SEARCH_TABLE} (key, (${kindOfRefSql('entity_ref')}), value, entity_ref) include (original_value)`,
    );
    // Relation facets of one kind (owners of the components), read in (target, source) order so
    // distinct pairs need no sort; type and originating_ref included so the scan never visits the table (an
    // index-only scan needs the plain column under lower(type)).
    await knex.raw(
      `create index catalog_relations_type_source_kind_idx on ${TABLES.relations} (lower(type), (${kindOfRefSql('source_ref')}), target_ref, source_ref) include (originating_ref, type)`,
    );
    // Statistics of the indexed expressions, so the planner knows how many rows a kind has.
    await knex.raw(`analyze ${SEARCH_TABLE}`);
    await knex.raw(`analyze ${TABLES.relations}`);
  },
};
