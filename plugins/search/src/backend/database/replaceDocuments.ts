import type { Knex } from 'knex';
import type { SearchDocumentType } from '../../common/types.js';
import { SEARCH_DOCUMENTS, toRow, type IndexDocument } from './tables.js';

const BATCH = 500;

/**
 * Replaces the documents of the given types that belong to the given entities with `documents`,
 * in one transaction, so a search never sees an entity half indexed.
 */
export async function replaceDocuments(knex: Knex, options: { types: SearchDocumentType[]; entityRefs: string[]; documents: IndexDocument[] }): Promise<void> {
  await knex.transaction(async trx => {
    for (let i = 0; i < options.entityRefs.length; i += BATCH) {
      await trx(SEARCH_DOCUMENTS)
        .whereIn('type', options.types)
        .whereIn('entity_ref', options.entityRefs.slice(i, i + BATCH))
        .delete();
    }
    const rows = options.documents.map(toRow);
    for (let i = 0; i < rows.length; i += BATCH) {
      // Two documents of one batch may share an id (an entity listed twice): the last one wins.
      const unique = [...new Map(rows.slice(i, i + BATCH).map(r => [r.id, r])).values()];
      await trx(SEARCH_DOCUMENTS).insert(unique).onConflict('id').merge();
    }
  });
}

/** Removes every document of the given entities, whatever its type. */
export async function deleteDocumentsOfEntities(knex: Knex, entityRefs: string[]): Promise<void> {
  for (let i = 0; i < entityRefs.length; i += BATCH) {
    await knex(SEARCH_DOCUMENTS)
      .whereIn('entity_ref', entityRefs.slice(i, i + BATCH))
      .delete();
  }
}

/** Removes the documents of the given types whose entity is not in `keep` (a full rebuild's sweep). */
export async function deleteDocumentsNotOf(knex: Knex, options: { types: SearchDocumentType[]; keep: Set<string> }): Promise<number> {
  const refs = await knex(SEARCH_DOCUMENTS).whereIn('type', options.types).distinct('entity_ref').pluck('entity_ref');
  const gone = (refs as string[]).filter(ref => !options.keep.has(ref));
  for (let i = 0; i < gone.length; i += BATCH) {
    await knex(SEARCH_DOCUMENTS)
      .whereIn('type', options.types)
      .whereIn('entity_ref', gone.slice(i, i + BATCH))
      .delete();
  }
  return gone.length;
}

export async function countDocuments(knex: Knex): Promise<number> {
  const row = await knex(SEARCH_DOCUMENTS).count<{ count: string | number }[]>('* as count').first();
  return Number(row?.count ?? 0);
}
