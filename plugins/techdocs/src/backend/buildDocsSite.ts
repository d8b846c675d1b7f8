import path from 'node:path';
import type { DocsNavNode, DocsTocEntry } from '../common/types.js';
import type { DocsSource } from './DocsSource.js';
import { buildNav, flattenNav, pagesInNav, type IncludedSite } from './render/buildNav.js';
import { isMarkdownFile, pagePathOf } from './render/docsPaths.js';
import { checkLinks } from './render/checkLinks.js';
import { parseMkdocsConfig, type MkdocsConfig, type MkdocsNavEntry } from './render/mkdocsConfig.js';
import { matchesAny } from './render/notInNav.js';
import type { RenderDocsPage } from './render/renderMarkdown.js';
import type { DocsLink } from './render/rewriteDocsUrl.js';
import { expandSnippets } from './render/snippets.js';

export interface BuiltPage {
  path: string;
  /** The Markdown file, relative to the folder holding mkdocs.yml (for edit links). */
  file: string;
  title: string;
  html: string;
  toc: DocsTocEntry[];
  text: string;
}

/** A folder of the source served under a prefix of the site: docs_dir at '', monorepo sub-sites under their name. */
export interface DocsMount {
  prefix: string;
  /** The folder, relative to the folder holding mkdocs.yml; '' for that folder itself. */
  dir: string;
}

export interface BuiltSite {
  siteName: string;
  /** docs_dir, relative to the folder holding mkdocs.yml. */
  docsDir: string;
  /** Sub-sites included with the monorepo plugin, longest prefix first. */
  mounts: DocsMount[];
  nav: DocsNavNode[];
  homePath: string;
  notes: string[];
  pages: BuiltPage[];
}

export interface BuildDocsSiteOptions {
  source: DocsSource;
  version: string;
  render: RenderDocsPage;
  /** Used when mkdocs.yml names no site. */
  fallbackSiteName: string;
  pageUrl(pagePath: string, hash: string): string;
  assetUrl(file: string): string;
  /** Larger Markdown files are left out with a note, so one odd file cannot stall a build. */
  maxPageBytes?: number;
}

const READ_CONCURRENCY = 16;
const MAX_INCLUDES = 50;

/** Reads a docs site at one version and renders every page of it. */
export async function buildDocsSite(options: BuildDocsSiteOptions): Promise<BuiltSite> {
  const { source, version } = options;
  const maxPageBytes = options.maxPageBytes ?? 2 * 1024 * 1024;
  const files = await source.listFiles(version);
  const fileSet = new Set(files);
  const readText = async (file: string) => (fileSet.has(file) ? (await source.readFile(version, file)).toString('utf8') : undefined);
  const configFile = files.find(f => f === 'mkdocs.yml' || f === 'mkdocs.yaml');
  const config: MkdocsConfig = configFile
    ? parseMkdocsConfig((await source.readFile(version, configFile)).toString('utf8'))
    : { ...parseMkdocsConfig('plugins: [techdocs-core]'), notes: ['No mkdocs.yml: the site is the docs/ folder'] };
  const notes = [...config.notes];
  const mounts: DocsMount[] = [{ prefix: '', dir: config.docsDir === '.' ? '' : config.docsDir }];
  const includes = await readIncludes(config.nav, '', readText, mounts, notes);
  // Longest prefix first, so a file belongs to the most specific mount.
  mounts.sort((a, b) => b.prefix.length - a.prefix.length);

  // The site's files as the site sees them: sub-sites under their prefix.
  const docsFiles = new Map<string, string>();
  for (const file of files) {
    const mount = mounts.find(m => m.dir === '' || file.startsWith(`${m.dir}/`));
    if (!mount) continue;
    const inMount = mount.dir ? file.slice(mount.dir.length + 1) : file;
    const virtual = mount.prefix ? `${mount.prefix}/${inMount}` : inMount;
    if (!docsFiles.has(virtual)) docsFiles.set(virtual, file);
  }
  const siteFiles = new Set(docsFiles.keys());
  const navFile = config.literateNav?.navFile;
  const isNavFile = (file: string) => navFile !== undefined && path.posix.basename(file) === navFile;
  const markdownFiles = [...siteFiles].filter(f => isMarkdownFile(f) && !isNavFile(f));
  const summaries = new Map<string, string>();
  for (const file of [...siteFiles].filter(isNavFile)) summaries.set(file, (await readText(docsFiles.get(file)!)) ?? '');

  const pages: BuiltPage[] = [];
  const pageIds = new Map<string, Set<string>>();
  const links = new Map<string, DocsLink[]>();
  for (let i = 0; i < markdownFiles.length; i += READ_CONCURRENCY) {
    const batch = markdownFiles.slice(i, i + READ_CONCURRENCY);
    const contents = await Promise.all(batch.map(file => source.readFile(version, docsFiles.get(file)!)));
    await Promise.all(
      batch.map(async (file, k) => {
        const content = contents[k]!;
        const real = docsFiles.get(file)!;
        if (content.byteLength > maxPageBytes) {
          notes.push(`${real} is larger than ${maxPageBytes} bytes and was not rendered`);
          return;
        }
        let markdown = content.toString('utf8');
        if (config.features.extensions.has('pymdownx.snippets')) {
          const expanded = await expandSnippets(markdown, { basePaths: config.features.snippetBasePaths, read: readText });
          markdown = expanded.markdown;
          notes.push(...expanded.notes.map(note => `${real}: ${note}`));
        }
        const pageLinks: DocsLink[] = [];
        const rendered = await options.render(markdown, {
          file,
          files: siteFiles,
          pageUrl: options.pageUrl,
          assetUrl: options.assetUrl,
          features: config.features,
          links: pageLinks,
        });
        notes.push(...rendered.notes.map(note => `${real}: ${note}`));
        links.set(file, pageLinks);
        pageIds.set(pagePathOf(file), new Set(rendered.ids));
        pages.push({
          path: pagePathOf(file),
          file: real,
          title: rendered.title ?? titleFromFile(file),
          html: rendered.html,
          toc: rendered.toc,
          text: rendered.text,
        });
      }),
    );
  }
  pages.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const titles = new Map(pages.map(p => [p.path, p.title]));
  const { nav, notes: navNotes } = buildNav({
    nav: config.nav,
    files: markdownFiles.filter(f => titles.has(pagePathOf(f))).sort(),
    titleOf: file => titles.get(pagePathOf(file)) ?? titleFromFile(file),
    navFile,
    summaries,
    includes,
  });
  notes.push(...navNotes);
  const inNav = pagesInNav(nav);
  const outside = pages.filter(p => !inNav.has(p.path) && !matchesAny(`${p.path}.md`, config.notInNav));
  if (outside.length > 0 && (config.nav || navFile)) {
    const listed = outside.slice(0, 10).map(p => `${p.path}.md`);
    notes.push(
      `Pages not in the nav (list them in not_in_nav to silence this): ${listed.join(', ')}${outside.length > 10 ? ` and ${outside.length - 10} more` : ''}`,
    );
  }
  notes.push(...checkLinks({ links, pageIds, files: siteFiles, realFile: file => docsFiles.get(file) ?? file }));

  const home =
    pages.find(p => /^index$/i.test(p.path)) ?? pages.find(p => /^readme$/i.test(p.path)) ?? pages.find(p => p.path === flattenNav(nav)[0]?.path) ?? pages[0];
  return {
    siteName: config.siteName ?? options.fallbackSiteName,
    docsDir: config.docsDir,
    mounts: mounts.filter(m => m.prefix !== ''),
    nav,
    homePath: home?.path ?? '',
    notes,
    pages,
  };
}

/**
 * The monorepo plugin's `!include ./sub/mkdocs.yml` entries, read recursively: each sub-site's
 * docs_dir is mounted under its site_name, as the plugin does.
 */
async function readIncludes(
  nav: MkdocsNavEntry[] | undefined,
  base: string,
  readText: (file: string) => Promise<string | undefined>,
  mounts: DocsMount[],
  notes: string[],
  found = new Map<string, IncludedSite>(),
): Promise<Map<string, IncludedSite>> {
  for (const written of includeTargets(nav ?? [])) {
    if (found.has(written) || found.size >= MAX_INCLUDES) continue;
    const file = path.posix.normalize(path.posix.join(base, written.replace(/^\.\//, '')));
    if (file.startsWith('..') || file.startsWith('/')) {
      notes.push(`mkdocs.yml: "!include ${written}" points outside the docs source`);
      continue;
    }
    const text = await readText(file);
    if (text === undefined) {
      notes.push(`mkdocs.yml: "!include ${written}": no such file`);
      continue;
    }
    try {
      const sub = parseMkdocsConfig(text);
      const dir = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
      const prefix = (sub.siteName ?? path.posix.basename(dir)).replace(/[/\\]/g, '-').trim() || dir;
      mounts.push({ prefix, dir: [dir, sub.docsDir === '.' ? '' : sub.docsDir].filter(Boolean).join('/') });
      found.set(written, { prefix, nav: sub.nav });
      notes.push(...sub.notes.map(note => note.replace(/^mkdocs\.yml/, file)));
      await readIncludes(sub.nav, dir, readText, mounts, notes, found);
    } catch (error) {
      notes.push(`${file}: ${(error as Error).message}`);
    }
  }
  return found;
}

function includeTargets(nav: MkdocsNavEntry[]): string[] {
  return nav.flatMap(entry => {
    const value = typeof entry === 'string' ? entry : Object.values(entry)[0];
    if (Array.isArray(value)) return includeTargets(value);
    return typeof value === 'string' && value.startsWith('!include') ? [value.slice('!include'.length).trim()] : [];
  });
}

function titleFromFile(file: string): string {
  const base = path.posix.basename(file).replace(/\.md$/i, '');
  const name = /^(index|readme)$/i.test(base) ? path.posix.basename(path.posix.dirname(file)) || 'Home' : base;
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
