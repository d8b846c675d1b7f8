// The YAML parser recurses per nesting level, and thousands of unclosed `[` or `{` exhaust its
// stack and memory. This scan runs first and finds such files in linear time. Quoted scalars and
// comments are skipped; brackets inside block scalars count, which only matters past the limit.

const QUOTE_STARTERS = new Set([' ', '\t', '\n', '\r', '[', '{', ',', ':', '-', '?']);

/** The offset where flow nesting first exceeds `limit`, or -1. */
export function findExcessiveFlowNesting(text: string, limit: number): number {
  let depth = 0;
  let previous = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#' && (previous === ' ' || previous === '\t' || previous === '\n')) {
      const end = text.indexOf('\n', i);
      if (end === -1) return -1;
      i = end;
    } else if ((c === '"' || c === "'") && QUOTE_STARTERS.has(previous)) {
      i = skipQuoted(text, i, c);
    } else if (c === '[' || c === '{') {
      depth += 1;
      if (depth > limit) return i;
    } else if (c === ']' || c === '}') {
      if (depth > 0) depth -= 1;
    }
    previous = text[i]!;
  }
  return -1;
}

function skipQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i += 1;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i += 1;
      else return i;
    }
  }
  return text.length - 1;
}
