import path from 'node:path';
import type { DocsNavNode } from '../../common/types.js';
import { pagePathOf } from './docsPaths.js';
import { parseSummary, type SummaryItem } from './literateNav.js';
import type { MkdocsNavEntry } from './mkdocsConfig.js';

/** A sub-site of a monorepo (`!include ./sub/mkdocs.yml`), already read. */
export interface IncludedSite {
  /** Where its pages sit in the site, e.g. `v1` for `v1/index`. */
  prefix: string;
  nav?: MkdocsNavEntry[];
}

export interface BuildNavInput {
  /** The `nav` of mkdocs.yml, if any. */
  nav?: MkdocsNavEntry[];
  /** Every Markdown page of the site, relative to docs_dir (sub-sites under their prefix). */
  files: string[];
  /** A page's title (front matter, first heading or file name), for entries that give none. */
  titleOf(file: string): string;
  /** literate-nav's file name when the plugin is on: a folder's SUMMARY.md gives its nav. */
  navFile?: string;
  /** The SUMMARY.md files' text, by path relative to docs_dir. */
  summaries?: ReadonlyMap<string, string>;
  /** Sub-sites by the path written after `!include`. */
  includes?: ReadonlyMap<string, IncludedSite>;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function buildNav(input: BuildNavInput): { nav: DocsNavNode[]; notes: string[] } {
  const notes: string[] = [];
  const known = new Set(input.files);
  const summaries = input.summaries ?? new Map<string, string>();
  const summaryIn = (folder: string) => {
    if (!input.navFile) return undefined;
    const file = folder ? `${folder}/${input.navFile}` : input.navFile;
    return summaries.has(file) ? file : undefined;
  };

  /** A folder as a list of nav nodes: its SUMMARY.md when it has one, else MkDocs' own order. */
  const folderNav = (folder: string, seen: Set<string>): DocsNavNode[] => {
    const summary = summaryIn(folder);
    if (summary && !seen.has(summary)) return fromSummary(summary, new Set([...seen, summary]));
    const inFolder = input.files.filter(f => (folder ? f.startsWith(`${folder}/`) : true)).map(f => (folder ? f.slice(folder.length + 1) : f));
    return navFromFolders(
      inFolder,
      file => input.titleOf(folder ? `${folder}/${file}` : file),
      folder,
      sub => folderNav(sub, seen),
    );
  };

  const fromSummary = (summaryFile: string, seen: Set<string>): DocsNavNode[] => {
    const base = path.posix.dirname(summaryFile) === '.' ? '' : path.posix.dirname(summaryFile);
    const convert = (items: SummaryItem[]): DocsNavNode[] =>
      items.flatMap(item => {
        const children = item.children.length > 0 ? convert(item.children) : undefined;
        if (item.target === undefined) return item.title ? [{ title: item.title, children: children ?? [] }] : [];
        const node = target(item.title, item.target, base, summaryFile, seen);
        if (node.length === 1 && children) return [{ ...node[0]!, children: [...(node[0]!.children ?? []), ...children] }];
        return node;
      });
    return convert(parseSummary(summaries.get(summaryFile) ?? ''));
  };

  /** One nav target: a URL, a page, a folder (`dir/`) or a monorepo sub-site. */
  const target = (title: string | undefined, written: string, base: string, where: string, seen: Set<string>): DocsNavNode[] => {
    if (HAS_SCHEME.test(written)) return [{ title: title ?? written, url: written }];
    if (written.startsWith('!include')) {
      const included = input.includes?.get(written.slice('!include'.length).trim());
      if (!included) {
        notes.push(`${where}: nav entry "${written}" could not be read`);
        return [];
      }
      const children = included.nav ? convertNav(included.nav, included.prefix, where, seen) : folderNav(included.prefix, seen);
      return [{ title: title ?? included.prefix, children }];
    }
    const joined = path.posix.normalize(path.posix.join(base, written.replace(/^\.\//, '')));
    const clean = joined.replace(/\/+$/, '');
    if (written.endsWith('/') || (!known.has(clean) && input.files.some(f => f.startsWith(`${clean}/`)))) {
      const folder = clean === '.' ? '' : clean;
      const children = folderNav(folder, seen);
      if (children.length === 0) notes.push(`${where}: nav entry "${written}" names a folder without pages`);
      return title ? [{ title, children }] : children;
    }
    if (!known.has(clean)) {
      notes.push(`${where}: nav entry "${written}" names no Markdown file in docs_dir`);
      return [];
    }
    return [{ title: title ?? input.titleOf(clean), path: pagePathOf(clean) }];
  };

  const convertNav = (entries: MkdocsNavEntry[], base: string, where: string, seen: Set<string>): DocsNavNode[] =>
    entries.flatMap((entry): DocsNavNode[] => {
      const [title, value] = typeof entry === 'string' ? [undefined, entry] : (Object.entries(entry)[0] ?? []);
      if (Array.isArray(value)) return [{ title: title ?? 'Section', children: convertNav(value, base, where, seen) }];
      if (typeof value !== 'string') return [];
      return target(title, value, base, where, seen);
    });

  if (input.nav) return { nav: convertNav(input.nav, '', 'mkdocs.yml', new Set()), notes };
  return { nav: folderNav('', new Set()), notes };
}

/** Without a nav, MkDocs' order: index.md or README.md first, then files, then sub-folders as sections. */
function navFromFolders(files: string[], titleOf: (file: string) => string, prefix: string, subFolder: (folder: string) => DocsNavNode[]): DocsNavNode[] {
  const collator = new Intl.Collator('en', { numeric: true });
  const here = files.filter(f => !f.includes('/'));
  const folders = [...new Set(files.filter(f => f.includes('/')).map(f => f.slice(0, f.indexOf('/'))))];
  const rank = (file: string) => (/^(index|readme)\.md$/i.test(file) ? 0 : 1);
  return [
    ...here
      .sort((a, b) => rank(a) - rank(b) || collator.compare(a, b))
      .map(file => ({ title: titleOf(file), path: pagePathOf(prefix ? `${prefix}/${file}` : file) })),
    ...folders
      .sort((a, b) => collator.compare(a, b))
      .map(name => ({ title: folderTitle(name), children: subFolder(prefix ? `${prefix}/${name}` : name) }))
      .filter(node => node.children.length > 0),
  ];
}

function folderTitle(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Pages in reading order, for prev/next links. */
export function flattenNav(nav: DocsNavNode[]): Array<{ path: string; title: string }> {
  return nav.flatMap(node => [...(node.path !== undefined ? [{ path: node.path, title: node.title }] : []), ...flattenNav(node.children ?? [])]);
}

/** Every page path the nav links to. */
export function pagesInNav(nav: DocsNavNode[]): Set<string> {
  return new Set(flattenNav(nav).map(p => p.path));
}
