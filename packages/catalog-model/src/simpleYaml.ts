// Most catalog files use a small part of YAML: block mappings and sequences, one-line flow
// collections, plain and one-line quoted strings, comments. This reader handles exactly that part,
// several times faster than the full parser, and gives up (returns undefined) on anything else:
// numbers, anchors, tags, block or multi-line scalars, escapes, tabs, duplicate keys, any syntax
// error. parseEntityYaml then reads the file with the full parser, which reports problems with
// their lines. So for every file it accepts, it must return what the full parser returns.

/** A document read by the simple reader: its mapping and the line its content starts on. */
export interface SimpleDocument {
  data: Record<string, unknown>;
  line: number;
}

interface Line {
  indent: number;
  text: string;
  no: number;
}

class Unsupported {}
const UNSUPPORTED = new Unsupported();
const unsupported = (): never => {
  throw UNSUPPORTED;
};

// Characters the full parser treats differently (tabs, carriage returns, controls, byte order marks).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNUSUAL_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
/** Characters a plain scalar may not start with (YAML indicators). */
const INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** Anything that may be a number in the core schema (a superset of its int and float forms). */
const NUMBER_START = /^[-+]?(?:[0-9]|\.[0-9]|\.inf|\.nan)/i;
const MAX_KEY_LENGTH = 1000;
const MAX_FLOW_DEPTH = 50;

/** The file's non-empty documents, or undefined when the file needs the full parser. */
export function parseSimpleYaml(text: string, maxDocuments: number): SimpleDocument[] | undefined {
  if (UNUSUAL_CHARACTERS.test(text)) return undefined;
  const documents: Line[][] = [[]];
  const rawLines = text.split('\n');
  for (let no = 0; no < rawLines.length; no++) {
    const raw = rawLines[no]!;
    if (raw.startsWith('---') && (raw.length === 3 || raw[3] === ' ')) {
      if (!isBlankOrComment(raw.slice(3))) return undefined;
      documents.push([]);
      if (documentCount(documents) > maxDocuments) return undefined;
      continue;
    }
    if (raw.startsWith('...') || raw.startsWith('%')) return undefined;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    const content = raw.slice(indent);
    if (content === '' || content[0] === '#') continue;
    documents[documents.length - 1]!.push({ indent, text: trimSpacesEnd(content), no: no + 1 });
  }
  if (documentCount(documents) > maxDocuments) return undefined;
  try {
    return documents.filter(lines => lines.length > 0).map(lines => ({ data: new BlockReader(lines, rawLines).document(), line: lines[0]!.no }));
  } catch (error) {
    // Nesting deep enough to exhaust the stack is the full parser's to refuse, with its message.
    if (error === UNSUPPORTED || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Documents as the full parser counts them: one per `---`, and one before the first if it has content. */
function documentCount(documents: Line[][]): number {
  return documents.length - 1 + (documents[0]!.length > 0 ? 1 : 0);
}

function isBlankOrComment(rest: string): boolean {
  const next = rest[skipSpaces(rest, 0)];
  return next === undefined || (next === '#' && rest[0] === ' ');
}

// YAML separates with spaces only; String#trim would also remove other Unicode spaces.
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(0, end);
}

class BlockReader {
  private i = 0;

  constructor(
    private readonly lines: Line[],
    private readonly rawLines: string[],
  ) {}

  document(): Record<string, unknown> {
    const first = this.lines[0]!;
    if (isSeqItem(first.text)) unsupported();
    const data = this.map(first.indent);
    if (this.i < this.lines.length) unsupported();
    return data;
  }

  private map(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent) unsupported();
      if (isSeqItem(line.text)) break;
      const entry = splitEntry(line.text) ?? unsupported();
      this.i++;
      const value =
        entry.rest === ''
          ? this.nested(indent, true)
          : entry.rest === '|' || entry.rest === '|-'
            ? this.literal(indent, line.no, entry.rest === '|-')
            : inlineValue(entry.rest);
      setKey(map, entry.key, value);
    }
    return map;
  }

  private seq(indent: number): unknown[] {
    const seq: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.indent < indent) break;
      if (line.indent > indent) unsupported();
      if (!isSeqItem(line.text)) break;
      let start = 1;
      while (line.text[start] === ' ') start++;
      const rest = line.text.slice(start);
      if (rest === '' || rest[0] === '#') {
        this.i++;
        seq.push(this.nested(indent, false));
      } else if (isSeqItem(rest)) {
        unsupported();
      } else if (splitEntry(rest)) {
        // `- key: value` opens a mapping whose keys line up with `key`.
        line.indent = indent + start;
        line.text = rest;
        seq.push(this.map(line.indent));
      } else {
        this.i++;
        seq.push(inlineValue(rest));
      }
    }
    return seq;
  }

  /**
   * A literal block scalar (`|`, or `|-` without its final line break) under the key on line
   * `headerNo`. Only the plain form: no indentation indicator, no leading empty lines, no line of
   * spaces longer than the indentation, and a line break after the last line.
   */
  private literal(indent: number, headerNo: number, strip: boolean): string {
    const raw = this.rawLines;
    const first = raw[headerNo];
    if (first === undefined) unsupported();
    const width = skipSpaces(first!, 0);
    if (width === first!.length || width <= indent) unsupported();
    const parts: string[] = [];
    let last = headerNo;
    for (let r = headerNo; r < raw.length; r++) {
      const line = raw[r]!;
      const spaces = skipSpaces(line, 0);
      if (spaces === line.length) {
        if (spaces > width) unsupported();
        parts.push('');
      } else if (spaces < width) {
        break;
      } else {
        parts.push(line.slice(width));
        last = r;
      }
    }
    if (last === raw.length - 1) unsupported();
    // Trailing empty lines are not part of the value (clip and strip chomping).
    parts.length = last - headerNo + 1;
    while (this.i < this.lines.length && this.lines[this.i]!.no <= last + 1) this.i++;
    return parts.join('\n') + (strip ? '' : '\n');
  }

  /** The block value under a key or dash whose line ended after it; null when there is none. */
  private nested(indent: number, sequenceMayAlign: boolean): unknown {
    const next = this.lines[this.i];
    if (!next) return null;
    if (next.indent > indent) return isSeqItem(next.text) ? this.seq(next.indent) : this.map(next.indent);
    // A sequence may sit at the same indent as the key it belongs to.
    if (next.indent === indent && sequenceMayAlign && isSeqItem(next.text)) return this.seq(indent);
    return null;
  }
}

function isSeqItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

function setKey(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__' || key === '<<' || Object.hasOwn(map, key)) unsupported();
  map[key] = value;
}

/** `key: rest` split at its value indicator; undefined when the text is not a mapping entry. */
function splitEntry(text: string): { key: string; rest: string } | undefined {
  let key: string;
  let colon: number;
  if (text[0] === '"' || text[0] === "'") {
    const [value, end] = quoted(text, 0);
    if (text[end] !== ':') return undefined;
    key = value;
    colon = end;
  } else {
    if (INDICATORS.has(text[0]!)) return undefined;
    colon = text.search(/:( |$)/);
    const comment = text.indexOf(' #');
    if (colon === -1 || (comment !== -1 && comment < colon)) return undefined;
    key = text.slice(0, colon);
    if (key.endsWith(' ') || resolvePlain(key) !== key) unsupported();
  }
  if (key.length > MAX_KEY_LENGTH) unsupported();
  const after = text.slice(colon + 1);
  if (after !== '' && after[0] !== ' ') unsupported();
  const rest = after.slice(skipSpaces(after, 0));
  return { key, rest: rest[0] === '#' ? '' : rest };
}

/** A value that starts and ends on the line of its key or dash. */
function inlineValue(text: string): unknown {
  const first = text[0]!;
  if (first === '[' || first === '{' || first === '"' || first === "'") {
    const [value, end] = first === '[' || first === '{' ? flowCollection(text, 0) : quoted(text, 0);
    if (!isBlankOrComment(text.slice(end))) unsupported();
    return value;
  }
  if (INDICATORS.has(first)) unsupported();
  const comment = text.indexOf(' #');
  const plain = trimSpacesEnd(comment === -1 ? text : text.slice(0, comment));
  if (plain.includes(': ') || plain.endsWith(':')) unsupported();
  return resolvePlain(plain);
}

/** A one-line quoted scalar starting at `start`, and the offset just after it. */
function quoted(text: string, start: number): [string, number] {
  const quote = text[start]!;
  if (quote === '"') {
    const end = text.indexOf('"', start + 1);
    if (end === -1) unsupported();
    const value = text.slice(start + 1, end);
    if (value.includes('\\')) unsupported();
    return [value, end + 1];
  }
  let from = start + 1;
  for (;;) {
    const end = text.indexOf("'", from);
    if (end === -1) unsupported();
    if (text[end + 1] === "'") from = end + 2;
    else return [text.slice(start + 1, end).replaceAll("''", "'"), end + 1];
  }
}

function flowCollection(text: string, start: number, depth = 1): [unknown, number] {
  if (depth > MAX_FLOW_DEPTH) unsupported();
  const isSeq = text[start] === '[';
  const close = isSeq ? ']' : '}';
  const seq: unknown[] = [];
  const map: Record<string, unknown> = {};
  let p = skipSpaces(text, start + 1);
  if (text[p] === close) return [isSeq ? seq : map, p + 1];
  for (;;) {
    if (isSeq) {
      const [value, end] = flowValue(text, p, depth);
      seq.push(value);
      p = end;
    } else {
      const [key, keyEnd] = text[p] === '"' || text[p] === "'" ? quoted(text, p) : flowPlain(text, p);
      if (typeof key !== 'string' || text[keyEnd] !== ':' || text[keyEnd - 1] === ' ' || text[keyEnd + 1] !== ' ') unsupported();
      const [value, end] = flowValue(text, skipSpaces(text, keyEnd + 1), depth);
      setKey(map, key as string, value);
      p = end;
    }
    p = skipSpaces(text, p);
    if (text[p] === ',') {
      p = skipSpaces(text, p + 1);
      if (text[p] === close) unsupported();
    } else if (text[p] === close) {
      return [isSeq ? seq : map, p + 1];
    } else {
      unsupported();
    }
  }
}

function flowValue(text: string, start: number, depth: number): [unknown, number] {
  const first = text[start];
  if (first === '[' || first === '{') return flowCollection(text, start, depth + 1);
  const [value, end] = first === '"' || first === "'" ? quoted(text, start) : flowPlain(text, start);
  // A `:` after an entry of a flow sequence makes it a one-pair mapping: leave that to the parser.
  if (text[skipSpaces(text, end)] === ':') unsupported();
  return [value, end];
}

function flowPlain(text: string, start: number): [unknown, number] {
  if (start >= text.length || INDICATORS.has(text[start]!)) unsupported();
  let end = start;
  for (; end < text.length; end++) {
    const c = text[end]!;
    if (c === ',' || c === '[' || c === ']' || c === '{' || c === '}') break;
    if (c === ':' && (end + 1 === text.length || ' ,[]{}'.includes(text[end + 1]!))) break;
    if (c === '#' && text[end - 1] === ' ') unsupported();
  }
  return [resolvePlain(trimSpacesEnd(text.slice(start, end))), end];
}

function skipSpaces(text: string, p: number): number {
  while (text[p] === ' ') p++;
  return p;
}

/** A plain scalar as YAML 1.2's core schema reads it; numbers are left to the full parser. */
function resolvePlain(text: string): string | boolean | null {
  if (text === '') unsupported();
  switch (text) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (NUMBER_START.test(text)) unsupported();
  return text;
}
