import { describe, expect, it } from 'vitest';
import { filterParams } from '../../common/index.js';
import { buildFilter, readFilterState } from './catalogFilters.js';

const state = (query: string) => readFilterState(new URLSearchParams(query), { kind: 'component' });

describe('the catalog index filter', () => {
  it('reads the view from the URL and turns it into one AND-group', () => {
    const s = state('kind=api&owner=group:default/a&owner=group:default/b&lifecycle=production&q=pay&sort=owner&order=desc');
    expect(s).toMatchObject({ kind: 'api', text: 'pay', view: 'all', sort: { key: 'owner', order: 'desc' } });
    const filter = buildFilter(s, { starred: [] });
    expect(filter).toEqual([{ kind: 'api', 'relations.ownedBy': ['group:default/a', 'group:default/b'], 'spec.lifecycle': ['production'] }]);
    expect(filterParams(filter)).toEqual(['kind=api,relations.ownedBy=group:default/a,relations.ownedBy=group:default/b,spec.lifecycle=production']);
  });

  it('"All" kinds asks for every entity, with no filter parameter the API would refuse', () => {
    const filter = buildFilter(state('kind=all'), { starred: [] });
    expect(filter).toEqual([{}]);
    expect(filterParams(filter)).toEqual([]);
    expect(filterParams(buildFilter(state('kind=all&lifecycle=production'), { starred: [] }))).toEqual(['spec.lifecycle=production']);
  });

  it('"owned by me" keeps only my owners, and matches nothing when none are left', () => {
    const mine = { ownershipRefs: ['user:default/me', 'group:default/a'], starred: [] };
    expect(buildFilter(state('view=owned'), mine)).toEqual([{ kind: 'component', 'relations.ownedBy': ['user:default/me', 'group:default/a'] }]);
    expect(buildFilter(state('view=owned&owner=group:default/A'), mine)).toEqual([{ kind: 'component', 'relations.ownedBy': ['group:default/A'] }]);
    expect(buildFilter(state('view=owned&owner=group:default/b'), mine)).toEqual([{ kind: 'component', 'relations.ownedBy': ['-'] }]);
  });

  it('"starred" ORs one group per starred entity of the kind', () => {
    const starred = ['component:default/a', 'api:default/b', 'component:ns/c'];
    expect(buildFilter(state('view=starred&type=service'), { starred })).toEqual([
      { kind: 'component', 'spec.type': ['service'], 'metadata.namespace': 'default', 'metadata.name': 'a' },
      { kind: 'component', 'spec.type': ['service'], 'metadata.namespace': 'ns', 'metadata.name': 'c' },
    ]);
    expect(buildFilter(state('kind=group&view=starred'), { starred })).toEqual([{ kind: 'group', 'metadata.name': '-' }]);
  });
});
