import type { Migration } from '@portal/backend-common';
import { WORDS_KEY } from './buildSearchRows.js';
import { kindOfRefSql } from './searchKindIndexes.js';
import { SEARCH_TABLE } from './searchTable.js';

/** The keys migration 0010 left out of the kind index (see KIND_INDEX_SKIPPED_KEYS for today's). */
const SKIPPED_IN_0010 = [
  WORDS_KEY,
  'metadata.annotations.backstage.io/managed-by-location',
  'metadata.annotations.backstage.io/managed-by-origin-location',
];

/**
 * Keys whose rows the kind index leaves out. It serves facets and filters narrowed to a kind,
 * so it holds the keys people pick values from: kind, namespace, type, lifecycle, owner, system,
 * domain, tags, labels, annotations. Left out are the full-text words (half of all search rows),
 * the two location annotations every entity carries, and fields that name one entity or hold
 * free text or other entities' refs (which relations answer): nobody lists their values per kind.
 * Their conditions read the (key, value, entity_ref) index and check the kind of each entry's
 * ref there, which costs little: such a value narrows more than a kind does.
 */
export const KIND_INDEX_SKIPPED_KEYS = [
  ...SKIPPED_IN_0010,
  'apiversion',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.links.url',
  'metadata.links.title',
  'metadata.links.icon',
  'metadata.links.type',
  'spec.definition',
  'spec.dependson',
  'spec.dependencyof',
  'spec.consumesapis',
  'spec.providesapis',
  'spec.target',
  'spec.targets',
  'spec.members',
  'spec.memberof',
  'spec.children',
  'spec.profile.displayname',
  'spec.profile.email',
  'spec.profile.picture',
];

/** The partial kind index without the rows of the given keys. */
async function createKindIndex(knex: Parameters<Migration['up']>[0], skippedKeys: string[]): Promise<void> {
  // DDL takes no parameters: the keys are constants, quoted here.
  const skipped = skippedKeys.map(k => `'${k.replace(/'/g, "''")}'`).join(', ');
  await knex.raw(`drop index if exists catalog_search_key_kind_value_idx`);
  await knex.raw(
    `create index catalog_search_key_kind_value_idx on ${SEARCH_TABLE} (key, (${kindOfRefSql('entity_ref')}), value, entity_ref) include (original_value)
      where key not in (${skipped})`,
  );
}

/**
 * Every search row entered three indexes; the rows above now enter two, which takes about a
 * third off the time to write them. The statistics of the kind expression, which the planner read
 * from the kind index, are kept as extended statistics instead: without them, a word condition
 * narrowed to a kind is guessed at a few dozen rows and joined with a nested loop.
 */
export const partialKindIndexMigration: Migration = {
  name: '0010_catalog_search_partial_kind_index',
  up: async knex => {
    await createKindIndex(knex, SKIPPED_IN_0010);
    await knex.raw(`create statistics catalog_search_ref_kind_stats on (${kindOfRefSql('entity_ref')}) from ${SEARCH_TABLE}`);
    await knex.raw(`analyze ${SEARCH_TABLE}`);
  },
};

/**
 * Names, titles, descriptions, links, API definitions and the fields relations stand for leave
 * the kind index too: a third of the rows it held, none of them read per kind.
 */
export const narrowerKindIndexMigration: Migration = {
  name: '0011_catalog_search_narrower_kind_index',
  up: async knex => {
    await createKindIndex(knex, KIND_INDEX_SKIPPED_KEYS);
    await knex.raw(`analyze ${SEARCH_TABLE}`);
  },
};
