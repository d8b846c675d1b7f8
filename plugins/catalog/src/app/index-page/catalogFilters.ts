import { parseEntityRef } from '@portal/catalog-model';
import type { EntityQueryRequest } from '../../common/index.js';

/** The facets the index page filters by: the URL parameter, the entity path, and its label. */
export const FACETS = [
  { param: 'type', path: 'spec.type', label: 'Type' },
  { param: 'owner', path: 'relations.ownedBy', label: 'Owner' },
  { param: 'lifecycle', path: 'spec.lifecycle', label: 'Lifecycle' },
  { param: 'tag', path: 'metadata.tags', label: 'Tags' },
  { param: 'namespace', path: 'metadata.namespace', label: 'Namespace' },
] as const;
export type FacetParam = (typeof FACETS)[number]['param'];

export const SORTS = {
  name: 'metadata.name',
  kind: 'kind',
  type: 'spec.type',
  owner: 'spec.owner',
  lifecycle: 'spec.lifecycle',
} as const;
export type SortKey = keyof typeof SORTS;

export type View = 'all' | 'owned' | 'starred';

/** Everything the index page shows, as read from (and written to) the URL. */
export interface CatalogFilterState {
  kind: string;
  selected: Record<FacetParam, string[]>;
  text: string;
  view: View;
  sort?: { key: SortKey; order: 'asc' | 'desc' };
}

export function readFilterState(params: URLSearchParams, defaults: { kind: string }): CatalogFilterState {
  const view = params.get('view');
  const sortKey = params.get('sort') as SortKey | null;
  return {
    kind: params.get('kind') ?? defaults.kind,
    selected: Object.fromEntries(FACETS.map(f => [f.param, params.getAll(f.param)])) as Record<FacetParam, string[]>,
    text: params.get('q') ?? '',
    view: view === 'owned' || view === 'starred' ? view : 'all',
    sort: sortKey && sortKey in SORTS ? { key: sortKey, order: params.get('order') === 'desc' ? 'desc' : 'asc' } : undefined,
  };
}

/** Whether the search text or any facet narrows the view ("Clear filters" has something to clear). */
export function hasActiveFilters(state: CatalogFilterState): boolean {
  return state.text !== '' || FACETS.some(f => state.selected[f.param].length > 0);
}

/** A name no entity can have (names start and end with a letter or digit): matches nothing. */
const NOTHING = '-';

/**
 * The by-query filter for a state. The kind, facets and "owned by me" are one AND-group; starred
 * entities turn it into one group per starred entity, since each is its own kind, namespace and name.
 */
export function buildFilter(
  state: CatalogFilterState,
  context: { ownershipRefs?: string[]; starred: string[]; fixedKind?: string },
  omitFacet?: FacetParam,
): NonNullable<EntityQueryRequest['filter']> {
  const kind = context.fixedKind ?? state.kind;
  const base: Record<string, string | string[]> = {};
  if (kind !== 'all') base.kind = kind;
  for (const facet of FACETS) {
    const values = state.selected[facet.param];
    if (facet.param !== omitFacet && values.length > 0) base[facet.path] = values;
  }
  if (state.view === 'owned') {
    const mine = (context.ownershipRefs ?? []).map(r => r.toLowerCase());
    const chosen = base['relations.ownedBy'] as string[] | undefined;
    const owners = chosen ? chosen.filter(o => mine.includes(o.toLowerCase())) : mine;
    base['relations.ownedBy'] = owners.length > 0 ? owners : [NOTHING];
  }
  if (state.view !== 'starred') return [base];
  const groups = context.starred
    .map(ref => parseEntityRef(ref))
    .filter(ref => kind === 'all' || ref.kind.toLowerCase() === kind.toLowerCase())
    .map(ref => ({ ...base, kind: ref.kind, 'metadata.namespace': ref.namespace, 'metadata.name': ref.name }));
  return groups.length > 0 ? groups : [{ ...base, 'metadata.name': NOTHING }];
}
