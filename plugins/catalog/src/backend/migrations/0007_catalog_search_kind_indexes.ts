import type { Migration } from '@portal/backend-common';

/**
 * Nearly every catalog query names a kind (the index page's tabs). Ordinary filters would join
 * each condition's rows with the tens of thousands of rows of `kind=component`; with the kind in
 * the index, a facet of one kind is an index-only range scan, and a condition narrowed to a kind
 * reads only that kind's entries, still ordered by entity_ref. The kind of a ref is the text before
 * its first colon, `split_part(ref, ':', 1)`; queries use that exact expression (kindOfRefSql).
 */
export const searchKindIndexesMigration: Migration = {
  name: '0007_catalog_search_kind_indexes',
  up: async knex => {
    await knex.raw(
      `create index catalog_search_key_kind_value_idx on catalog_search (key, (split_part(entity_ref, ':', 1)), value, entity_ref) include (original_value)`,
    );
    // Relation facets of one kind (owners of the components), read in (target, source) order so
    // distinct pairs need no sort; type and originating_ref included so the scan never visits the table (an
    // index-only scan needs the plain column under lower(type)).
    await knex.raw(
      `create index catalog_relations_type_source_kind_idx on catalog_relations (lower(type), (split_part(source_ref, ':', 1)), target_ref, source_ref) include (originating_ref, type)`,
    );
    // Statistics of the indexed expressions, so the planner knows how many rows a kind has.
    await knex.raw(`analyze catalog_search`);
    await knex.raw(`analyze catalog_relations`);
  },
};
