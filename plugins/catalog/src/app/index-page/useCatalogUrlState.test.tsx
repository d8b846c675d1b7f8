import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { applyCatalogUrlChange, readCatalogUrlState, useCatalogUrlState, type CatalogUrlChange } from './useCatalogUrlState.js';

/** What a reader's clicks leave in the URL, starting from a deep link. */
function after(link: string, ...changes: CatalogUrlChange[]): URLSearchParams {
  return changes.reduce((params, change) => applyCatalogUrlChange(params, change), new URLSearchParams(link));
}

describe('the catalog index URL state', () => {
  it('writes every change to the URL so that reading the URL gives the same view back', () => {
    const params = after(
      '',
      { type: 'kind', kind: 'api' },
      { type: 'view', view: 'owned' },
      { type: 'text', text: 'pay' },
      { type: 'facet', param: 'owner', values: ['group:default/a', 'group:default/b'] },
      { type: 'facet', param: 'lifecycle', values: ['production'] },
      { type: 'sort', key: 'owner' },
      { type: 'limit', limit: 50 },
      { type: 'page', cursor: 'c2', pageIndex: 1 },
    );
    const state = readCatalogUrlState(params);
    expect(state).toEqual({
      kind: 'api',
      view: 'owned',
      text: 'pay',
      selected: { type: [], owner: ['group:default/a', 'group:default/b'], lifecycle: ['production'], tag: [], namespace: [] },
      sort: { key: 'owner', order: 'asc' },
      limit: 50,
      cursor: 'c2',
      pageIndex: 1,
    });
    // The link, shared or reloaded, reads back as the same view.
    expect(readCatalogUrlState(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('starts again at the first page on any change but paging, and keeps other parameters', () => {
    const paged = 'kind=api&tab=x&cursor=c3&page=2';
    expect(readCatalogUrlState(after(paged, { type: 'page', cursor: 'c4', pageIndex: 3 }))).toMatchObject({ cursor: 'c4', pageIndex: 3 });
    const changes: CatalogUrlChange[] = [
      { type: 'kind', kind: 'system' },
      { type: 'view', view: 'starred' },
      { type: 'text', text: 'x' },
      { type: 'facet', param: 'tag', values: ['java'] },
      { type: 'clearFilters' },
      { type: 'sort', key: 'name' },
      { type: 'limit', limit: 100 },
    ];
    for (const change of changes) {
      const params = after(paged, change);
      expect(readCatalogUrlState(params)).toMatchObject({ cursor: undefined, pageIndex: 0 });
      expect(params.get('tab')).toBe('x');
    }
  });

  it('leaves defaults out of the URL, turns a sorted column round, and clears only the filters', () => {
    expect(after('view=owned&q=pay', { type: 'view', view: 'all' }, { type: 'text', text: '' }).toString()).toBe('');
    expect(after('', { type: 'sort', key: 'name' }, { type: 'sort', key: 'name' }).get('order')).toBe('desc');
    expect(after('sort=name&order=desc', { type: 'sort', key: 'name' }).get('order')).toBe('asc');
    expect(after('sort=name&order=asc', { type: 'sort', key: 'type' }).toString()).toBe('sort=type&order=asc');
    const cleared = after('kind=api&view=owned&q=pay&owner=group:default/a&tag=java&sort=name', { type: 'clearFilters' });
    expect(cleared.toString()).toBe('kind=api&view=owned&sort=name');
  });

  it('reads a hand-edited URL safely: unknown page sizes, pages and views fall back to defaults', () => {
    expect(readCatalogUrlState(new URLSearchParams('limit=7&page=-3&view=everyone&sort=nope'))).toMatchObject({
      kind: 'component',
      limit: 20,
      pageIndex: 0,
      view: 'all',
      sort: undefined,
    });
  });

  it('the hook shows the view of the URL the page was opened at', () => {
    function Probe() {
      return <output>{JSON.stringify(useCatalogUrlState().state)}</output>;
    }
    const html = renderToStaticMarkup(
      <MemoryRouter initialEntries={['/catalog?kind=api&owner=group:default/a&sort=name&order=desc&limit=100&cursor=c&page=4']}>
        <Probe />
      </MemoryRouter>,
    );
    const shown = JSON.parse(/<output>(.*)<\/output>/.exec(html)![1]!.replaceAll('&quot;', '"'));
    expect(shown).toMatchObject({ kind: 'api', sort: { key: 'name', order: 'desc' }, limit: 100, cursor: 'c', pageIndex: 4 });
    expect(shown.selected.owner).toEqual(['group:default/a']);
  });
});
