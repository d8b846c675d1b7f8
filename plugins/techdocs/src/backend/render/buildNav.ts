import path from 'node:path';
import type { DocsNavNode } from '../../common/types.js';
import { isMarkdownFile, pagePathOf } from './docsPaths.js';
import type { MkdocsNavEntry } from './mkdocsConfig.js';

export interface BuildNavInput {
  /** The `nav` of mkdocs.yml, if any. */
  nav?: MkdocsNavEntry[];
  /** Every Markdown file in docs_dir, relative to it. */
  files: string[];
  /** A page's title (its first heading), for entries that give none. */
  titleOf(file: string): string;
}

export function buildNav(input: BuildNavInput): { nav: DocsNavNode[]; notes: string[] } {
  const notes: string[] = [];
  if (!input.nav) return { nav: navFromFolders(input.files, input.titleOf), notes };
  const known = new Set(input.files);
  const convert = (entries: MkdocsNavEntry[]): DocsNavNode[] =>
    entries.flatMap((entry): DocsNavNode[] => {
      const [title, target] = typeof entry === 'string' ? [undefined, entry] : (Object.entries(entry)[0] ?? []);
      if (Array.isArray(target)) return [{ title: title ?? 'Section', children: convert(target) }];
      if (typeof target !== 'string') return [];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return [{ title: title ?? target, url: target }];
      const file = path.posix.normalize(target.replace(/^\.\//, ''));
      if (!known.has(file)) {
        notes.push(`mkdocs.yml: nav entry "${target}" names no Markdown file in docs_dir`);
        return [];
      }
      return [{ title: title ?? input.titleOf(file), path: pagePathOf(file) }];
    });
  return { nav: convert(input.nav), notes };
}

/** Without a nav: folder order, index.md or README.md first, then files, then sub-folders as sections. */
function navFromFolders(files: string[], titleOf: (file: string) => string): DocsNavNode[] {
  interface Folder {
    files: string[];
    folders: Map<string, Folder>;
  }
  const root: Folder = { files: [], folders: new Map() };
  for (const file of files.filter(isMarkdownFile)) {
    const parts = file.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { files: [], folders: new Map() }));
      folder = next;
    }
    folder.files.push(file);
  }
  const collator = new Intl.Collator('en', { numeric: true });
  const rank = (file: string) => (/^(index|readme)\.md$/i.test(path.posix.basename(file)) ? 0 : 1);
  const convert = (folder: Folder): DocsNavNode[] => [
    ...[...folder.files].sort((a, b) => rank(a) - rank(b) || collator.compare(a, b)).map(file => ({ title: titleOf(file), path: pagePathOf(file) })),
    ...[...folder.folders.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([name, sub]) => ({ title: folderTitle(name), children: convert(sub) })),
  ];
  return convert(root);
}

function folderTitle(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Pages in reading order, for prev/next links. */
export function flattenNav(nav: DocsNavNode[]): Array<{ path: string; title: string }> {
  return nav.flatMap(node => [...(node.path !== undefined ? [{ path: node.path, title: node.title }] : []), ...flattenNav(node.children ?? [])]);
}
