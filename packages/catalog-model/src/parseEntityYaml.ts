import { Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';
import { findExcessiveFlowNesting } from './nestingDepth.js';
import { parseSimpleYaml } from './simpleYaml.js';
import type { ValidationProblem } from './types.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DOCUMENTS = 1000;
/** Aliases a document may expand; far above what hand-written files use, far below an attack. */
export const DEFAULT_MAX_ALIAS_COUNT = 100;
const MAX_PROBLEMS_PER_FILE = 50;
/** Flow collections (`[`, `{`) nested deeper than this are refused before parsing. */
const MAX_FLOW_DEPTH = 100;

export interface ParseEntityYamlOptions {
  file: string;
  maxBytes?: number;
  maxDocuments?: number;
  maxAliasCount?: number;
}

export interface ParsedDocument {
  data: unknown;
  /** 1-based line the document's content starts on. */
  line: number;
  /** Line of the field at `path` (or of its nearest present parent), for precise problems. */
  locate(path: ReadonlyArray<string | number>): number | undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${bytes} bytes`;
}

/** The UTF-8 size of `text`, stopping early once it is known to exceed `limit`. */
function utf8SizeUpTo(text: string, limit: number): number {
  // A UTF-16 code unit never encodes to less than one byte, so long strings fail without a scan.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  let size = 0;
  for (let i = 0; i < text.length && size <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) size += 1;
    else if (code < 0x800) size += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      size += 4;
      i++;
    } else size += 3;
  }
  return size;
}

export function fileTooLargeProblem(file: string, size: number, maxBytes: number, exact = true): ValidationProblem {
  return {
    file,
    line: 1,
    path: '',
    severity: 'error',
    message: `the file is ${exact ? '' : 'at least '}${formatBytes(size)}, more than the limit of ${formatBytes(maxBytes)} for one catalog file; split it into several files`,
  };
}

function locator(doc: Document.Parsed, lines: LineCounter) {
  const lineAt = (offset: number) => lines.linePos(offset).line;
  return (path: ReadonlyArray<string | number>): number | undefined => {
    let node: unknown = doc.contents;
    let line = (node as Node | null)?.range ? lineAt((node as Node).range![0]) : undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(p => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (!item) break;
        if ((item as Node).range) line = lineAt((item as Node).range![0]);
        node = item;
      } else break;
      if (isAlias(node)) break;
    }
    return line;
  };
}

/**
 * Parses a multi-document YAML catalog file. Empty documents are skipped; syntax errors,
 * duplicate keys, non-mapping documents and hostile input (too large, too many documents,
 * alias bombs) become problems with a line and column instead of exceptions.
 */
export function parseEntityYaml(text: string, options: ParseEntityYamlOptions): { documents: ParsedDocument[]; problems: ValidationProblem[] } {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_DOCUMENTS;
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;

  const size = utf8SizeUpTo(text, maxBytes);
  if (size > maxBytes) return { documents: [], problems: [fileTooLargeProblem(file, size, maxBytes, text.length <= maxBytes)] };

  const simple = parseSimpleYaml(text, maxDocuments);
  if (simple) {
    // The common case: a valid file in plain YAML. Field lines are only needed for problems, so
    // the full parse that finds them runs on the first locate() of the file, not before.
    let located: ParsedDocument[] | undefined;
    const locateIn = (index: number, path: ReadonlyArray<string | number>) =>
      (located ??= parseWithParser(text, file, maxDocuments, maxAliasCount).documents)[index]?.locate(path);
    return {
      documents: simple.map((doc, index) => ({ data: doc.data, line: doc.line, locate: path => locateIn(index, path) })),
      problems: [],
    };
  }
  return parseWithParser(text, file, maxDocuments, maxAliasCount);
}

/** The full parser with the Document API: every problem with its line, and field lines for locate(). */
export function parseWithParser(
  text: string,
  file: string,
  maxDocuments: number,
  maxAliasCount: number,
): { documents: ParsedDocument[]; problems: ValidationProblem[] } {
  const documents: ParsedDocument[] = [];
  const problems: ValidationProblem[] = [];
  const lines = new LineCounter();
  const problemAt = (offset: number, message: string, column = true): ValidationProblem => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, ...(column && { column: pos.col }), path: '', severity: 'error', message };
  };
  const tooDeep = findExcessiveFlowNesting(text, MAX_FLOW_DEPTH);
  if (tooDeep !== -1) {
    // Line numbers are not counted yet, so find this one directly.
    const line = text.slice(0, tooDeep).split('\n').length;
    const message = `the file nests [ ] or { } more than ${MAX_FLOW_DEPTH} levels deep and was not read`;
    return { documents, problems: [{ file, line, path: '', severity: 'error', message }] };
  }
  let count = 0;
  try {
    // Both generators are lazy, so a file with too many documents stops being read at the limit.
    const tokens = new Parser(lines.addNewLine).parse(text);
    for (const doc of new Composer({ uniqueKeys: true }).compose(tokens, false)) {
      if (problems.length >= MAX_PROBLEMS_PER_FILE) break;
      count += 1;
      if (count > maxDocuments) {
        problems.push(problemAt(doc.range[0], `the file has more than ${maxDocuments} YAML documents; split it into several files`, false));
        // The file is refused whole, so that no caller ingests an arbitrary first part of it.
        documents.length = 0;
        break;
      }
      const start = doc.contents?.range?.[0] ?? doc.range[0];
      if (doc.errors.length > 0) {
        for (const error of doc.errors) problems.push(problemAt(error.pos[0], `YAML syntax error: ${firstLine(error.message)}`));
        continue;
      }
      let data: unknown;
      try {
        data = doc.toJS({ maxAliasCount });
      } catch (error) {
        const message =
          error instanceof ReferenceError && /alias/i.test(error.message)
            ? `the document expands too many YAML aliases (more than ${maxAliasCount}); it looks like an alias bomb and was not read`
            : `the document could not be read: ${(error as Error).message}`;
        problems.push(problemAt(start, message, false));
        continue;
      }
      if (data === null || data === undefined) continue;
      if (typeof data !== 'object' || Array.isArray(data)) {
        const got = Array.isArray(data) ? 'a list' : `a ${typeof data}`;
        problems.push(problemAt(start, `a catalog document must be a mapping (an entity), not ${got}`));
        continue;
      }
      documents.push({ data, line: lines.linePos(start).line, locate: locator(doc, lines) });
    }
  } catch (error) {
    // Deeply nested input can exhaust the parser's stack; report it rather than crash the caller.
    const message = error instanceof RangeError ? 'the file is nested too deeply to be read' : `the file could not be read: ${(error as Error).message}`;
    problems.push({ file, line: 1, path: '', severity: 'error', message });
  }
  return { documents, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
