import type { DocsLink } from './rewriteDocsUrl.js';

export interface CheckLinksInput {
  /** The links each page holds, by its Markdown file in the site. */
  links: ReadonlyMap<string, DocsLink[]>;
  /** The ids of each rendered page, by page path. */
  pageIds: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every file of the site. */
  files: ReadonlySet<string>;
  /** The file's path in the source, for notes a writer can act on. */
  realFile(file: string): string;
}

const MAX_NOTES = 50;

/**
 * MkDocs' link validation, against the rendered site rather than the files: a link must reach a
 * page that was rendered, an anchor an id on that page, an image a file of the site.
 */
export function checkLinks(input: CheckLinksInput): string[] {
  const broken: string[] = [];
  for (const [file, links] of [...input.links].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const seen = new Set<string>();
    for (const link of links) {
      if (seen.has(link.written)) continue;
      seen.add(link.written);
      const problem = problemOf(link, input);
      if (problem) broken.push(`${input.realFile(file)}: broken link "${link.written}": ${problem}`);
    }
  }
  if (broken.length <= MAX_NOTES) return broken;
  return [...broken.slice(0, MAX_NOTES), `… and ${broken.length - MAX_NOTES} more broken links`];
}

function problemOf(link: DocsLink, input: CheckLinksInput): string | undefined {
  if (link.page === undefined && link.file === undefined) return 'it points outside docs_dir';
  if (link.file !== undefined) return input.files.has(link.file) ? undefined : `no file ${link.file}`;
  const ids = input.pageIds.get(link.page!);
  if (!ids) return `no page ${link.page}.md`;
  if (link.anchor && !ids.has(link.anchor)) return `no heading or anchor "#${link.anchor}" in ${link.page}.md`;
  return undefined;
}
