/**
 * Where the top-level `metadata` object of an entity's JSON text closes: the index of its `}`, and
 * whether the object is empty. Undefined when the text has no such object. A single pass over the
 * text that only tracks strings and nesting, so a list answer can add `uid` and `etag` to a stored
 * entity without parsing it into objects and serialising it again.
 */
export function metadataEnd(text: string): { close: number; empty: boolean } | undefined {
  let depth = 0;
  let metadataStart = -1;
  let lastKey = '';
  let lastKeyDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i + 1;
      for (i = start; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
      if (depth === 1) {
        lastKey = text.slice(start, i);
        lastKeyDepth = depth;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (c === 0x7b && depth === 2 && lastKeyDepth === 1 && lastKey === 'metadata' && metadataStart === -1) metadataStart = i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth === 2 && metadataStart !== -1 && c === 0x7d) {
        return { close: i, empty: text.slice(metadataStart + 1, i).trim() === '' };
      }
      depth--;
    } else if (c === 0x2c /* , */ && depth === 1) {
      lastKey = '';
    }
  }
  return undefined;
}
