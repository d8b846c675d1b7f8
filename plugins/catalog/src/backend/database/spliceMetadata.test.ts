import { describe, expect, it } from 'vitest';
import { metadataEnd } from './spliceMetadata.js';

describe('metadataEnd', () => {
  const closeOf = (value: object | string) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const end = metadataEnd(text);
    return end && { ...end, rest: text.slice(end.close) };
  };

  it('finds the close of the top-level metadata object, wherever it stands', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'Component', metadata: { name: 'a' }, spec: { type: 'service' } });
    expect(metadataEnd(text)).toEqual({ close: text.indexOf('},"spec"'), empty: false });
    expect(closeOf({ spec: { metadata: { name: 'inner' }, owner: 'x' }, metadata: { name: 'outer' } })?.rest).toBe('}}');
    expect(closeOf({ kind: 'metadata', metadata: {} })).toMatchObject({ empty: true, rest: '}}' });
    expect(closeOf('{ "kind" : "A" , "metadata" : { "name" : "a" } , "spec" : { } }')?.rest).toBe('} , "spec" : { } }');
  });

  it('is not fooled by braces, brackets, quotes or the word metadata inside strings and arrays', () => {
    const entity = {
      kind: 'Component',
      description: 'a "metadata": { trick } [ ] \\',
      metadata: { name: 'a', description: 'ends with } and "quotes\\"', tags: ['{', ']', 'metadata'], annotations: { 'x/y': '{"metadata":{}}' } },
      spec: { list: [{ metadata: 1 }] },
    };
    const end = closeOf(entity)!;
    expect(end.rest).toBe(`},"spec":{"list":[{"metadata":1}]}}`);
    expect(closeOf({ kind: 'A', list: ['metadata', { metadata: { x: 1 } }] })).toBeUndefined();
    expect(closeOf({ metadata: ['not', 'an', 'object'] })).toBeUndefined();
  });
});
