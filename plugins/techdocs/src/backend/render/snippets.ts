import path from 'node:path';

export interface SnippetOptions {
  /** Folders snippets are looked up in, relative to the folder of mkdocs.yml (pymdownx `base_path`). */
  basePaths: string[];
  /** Reads a file relative to the folder of mkdocs.yml; undefined when there is none. */
  read(file: string): Promise<string | undefined>;
}

const MAX_DEPTH = 4;
// `--8<-- "file.md"`, `--8<-- 'file.md:3:10'`; a `;` before the scissors escapes them.
const SINGLE = /^([ \t]*)(;?)-{1,}8<-{1,}[ \t]+(["'])([^"']+)\3[ \t]*$/;
const BLOCK_MARK = /^[ \t]*-{1,}8<-{1,}[ \t]*$/;

/**
 * pymdownx.snippets: inserts files into a page before it is rendered (so inside code fences too).
 * Only files of the docs' own source can be inserted: no URLs, no absolute paths, no `..`.
 * Returns the Markdown and what could not be inserted, for the site's notes.
 */
export async function expandSnippets(markdown: string, options: SnippetOptions, depth = 0): Promise<{ markdown: string; notes: string[] }> {
  if (!markdown.includes('8<')) return { markdown, notes: [] };
  const notes: string[] = [];
  const lines = markdown.split('\n');
  const out: string[] = [];
  const insert = async (indent: string, spec: string) => {
    const included = await snippet(spec, options, depth, notes);
    if (included !== undefined) out.push(...included.split('\n').map(l => (l ? indent + l : l)));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const single = SINGLE.exec(line);
    if (single) {
      if (single[2]) out.push(line.replace(';', ''));
      else await insert(single[1]!, single[4]!);
      continue;
    }
    if (BLOCK_MARK.test(line)) {
      const end = lines.findIndex((l, k) => k > i && BLOCK_MARK.test(l));
      if (end > i) {
        for (const spec of lines.slice(i + 1, end)) if (spec.trim() && !spec.trim().startsWith(';')) await insert('', spec.trim());
        i = end;
        continue;
      }
    }
    out.push(line);
  }
  return { markdown: out.join('\n'), notes };
}

async function snippet(spec: string, options: SnippetOptions, depth: number, notes: string[]): Promise<string | undefined> {
  const [, file = '', from, to] = /^(.*?)(?::(\d*)(?::(\d*))?)?$/.exec(spec) ?? [];
  const refuse = (why: string) => {
    notes.push(`snippet "${spec}" was not inserted: ${why}`);
    return undefined;
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(file)) return refuse('snippets from URLs are not fetched');
  if (file.startsWith('/') || file.includes('\\') || file.split('/').includes('..')) return refuse('only files inside the docs source can be inserted');
  if (depth >= MAX_DEPTH) return refuse(`snippets nest deeper than ${MAX_DEPTH}`);
  for (const base of options.basePaths) {
    if (base.startsWith('/') || base.split('/').includes('..')) continue;
    const candidate = path.posix.normalize(path.posix.join(base, file));
    if (candidate.startsWith('..')) continue;
    const text = await options.read(candidate);
    if (text === undefined) continue;
    let content = text.replace(/\r\n/g, '\n').replace(/\n$/, '');
    if (from || to) {
      const all = content.split('\n');
      content = all.slice(Math.max(0, Number(from || 1) - 1), to ? Number(to) : all.length).join('\n');
    }
    const nested = await expandSnippets(content, options, depth + 1);
    notes.push(...nested.notes);
    return nested.markdown;
  }
  return refuse('no such file');
}
