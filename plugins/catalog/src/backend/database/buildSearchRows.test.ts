import { describe, expect, it } from 'vitest';
import { buildSearchRows, MAX_SEARCH_VALUE_LENGTH, wordsOf, WORDS_KEY } from './buildSearchRows.js';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: {
    name: 'Payments-API',
    title: 'Payments API',
    description: 'Takes payments.',
    tags: ['rest', 'rest', 'PCI'],
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    links: [{ url: 'https://x.example/a', title: 'Dash' }],
    uid: 'not-indexed',
  },
  spec: { type: 'openapi', owner: 'group:default/Team-A', definition: 'x'.repeat(MAX_SEARCH_VALUE_LENGTH + 1), flag: true },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
};

describe('buildSearchRows', () => {
  const rows = buildSearchRows(entity);
  const values = (key: string) => rows.filter(r => r.key === key).map(r => r.value);

  it('flattens paths with lower-cased keys and values, one row per array item, without duplicates', () => {
    expect(values('kind')).toEqual(['api']);
    expect(values('metadata.name')).toEqual(['payments-api']);
    expect(values('metadata.namespace')).toEqual(['default']);
    expect(values('metadata.tags')).toEqual(['rest', 'pci']);
    expect(values('metadata.annotations.backstage.io/techdocs-ref')).toEqual(['dir:.']);
    expect(values('metadata.links.url')).toEqual(['https://x.example/a']);
    expect(values('spec.owner')).toEqual(['group:default/team-a']);
    expect(values('spec.flag')).toEqual(['true']);
    expect(rows.find(r => r.key === 'spec.owner')!.original_value).toBe('group:default/Team-A');
    // Spelt as stored: the facets read `value`.
    expect(rows.find(r => r.key === 'metadata.links.url')!.original_value).toBeNull();
  });

  it('keeps long values as keys only, and leaves out uid, relations and status', () => {
    expect(rows.find(r => r.key === 'spec.definition')).toEqual({ key: 'spec.definition', value: null, original_value: null });
    expect(rows.some(r => r.key.startsWith('relations') || r.key === 'metadata.uid')).toBe(false);
  });

  it('adds the full-text words: whole tokens and their parts', () => {
    expect(values(WORDS_KEY)).toEqual(expect.arrayContaining(['payments-api', 'payments', 'api', 'takes', 'pci', 'openapi', 'group:default/team-a', 'team']));
    expect(wordsOf({ apiVersion: 'v1', kind: 'X', metadata: { name: 'a', description: '— (quoted) “words”' } })).toEqual(['x', 'a', 'quoted', 'words']);
  });
});
