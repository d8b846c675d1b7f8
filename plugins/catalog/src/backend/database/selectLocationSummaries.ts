import type { Knex } from 'knex';
import { TABLES, type DbLocationRow } from './tables.js';

export interface LocationSummaryRow extends Pick<
  DbLocationRow,
  'id' | 'type' | 'target' | 'origin' | 'last_commit' | 'last_refresh_at' | 'entity_count' | 'locked_until'
> {
  error_count: string | number;
  files_with_errors: string | number;
}

/**
 * A page of locations in registration order with their error counts. With `visibleTo`, only
 * locations that brought in at least one entity owned by one of its refs (its `ownedBy`
 * relation), or that its user registered.
 */
export async function selectLocationSummaries(
  knex: Knex,
  options: { visibleTo?: { ownerRefs: string[]; userRef?: string }; limit: number; offset: number },
): Promise<{ rows: LocationSummaryRow[]; total: number }> {
  const visible = (query: Knex.QueryBuilder) => {
    const { visibleTo } = options;
    if (!visibleTo) return query;
    const ownerRefs = visibleTo.ownerRefs.map(ref => ref.toLowerCase());
    return query.where(where => {
      if (visibleTo.userRef) where.where('l.registered_by', visibleTo.userRef);
      where.orWhereExists(sub =>
        sub
          .select(knex.raw('1'))
          .from(`${TABLES.entities} as en`)
          .join(`${TABLES.relations} as r`, 'r.source_ref', 'en.entity_ref')
          .whereRaw('en.location_id = l.id')
          .andWhere('r.type', 'ownedBy')
          .whereIn('r.target_ref', ownerRefs),
      );
    });
  };
  const [{ total }] = await visible(knex(`${TABLES.locations} as l`)).count<Array<{ total: string | number }>>({ total: '*' });
  const rows = await visible(knex(`${TABLES.locations} as l`))
    .select(
      'l.id',
      'l.type',
      'l.target',
      'l.origin',
      'l.last_commit',
      'l.last_refresh_at',
      'l.entity_count',
      'l.locked_until',
      knex.raw(`(select count(*) from ${TABLES.errors} e where e.location_id = l.id) as error_count`),
      knex.raw(`(select count(distinct e.file) from ${TABLES.errors} e where e.location_id = l.id) as files_with_errors`),
    )
    .orderBy([
      { column: 'l.created_at', order: 'asc' },
      { column: 'l.id', order: 'asc' },
    ])
    .limit(options.limit)
    .offset(options.offset);
  return { rows: rows as LocationSummaryRow[], total: Number(total) };
}
