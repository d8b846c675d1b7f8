import path from 'node:path';
import type { DocsNavNode, DocsTocEntry } from '../common/types.js';
import type { DocsSource } from './DocsSource.js';
import { buildNav, flattenNav } from './render/buildNav.js';
import { isMarkdownFile, pagePathOf } from './render/docsPaths.js';
import { parseMkdocsConfig, type MkdocsConfig } from './render/mkdocsConfig.js';
import type { RenderDocsPage } from './render/renderMarkdown.js';

export interface BuiltPage {
  path: string;
  /** The Markdown file, relative to the folder holding mkdocs.yml (for edit links). */
  file: string;
  title: string;
  html: string;
  toc: DocsTocEntry[];
  text: string;
}

export interface BuiltSite {
  siteName: string;
  /** docs_dir, relative to the folder holding mkdocs.yml. */
  docsDir: string;
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

/** Reads a docs site at one version and renders every page of it. */
export async function buildDocsSite(options: BuildDocsSiteOptions): Promise<BuiltSite> {
  const { source, version } = options;
  const maxPageBytes = options.maxPageBytes ?? 2 * 1024 * 1024;
  const files = await source.listFiles(version);
  const configFile = files.find(f => f === 'mkdocs.yml' || f === 'mkdocs.yaml');
  const config: MkdocsConfig = configFile
    ? parseMkdocsConfig((await source.readFile(version, configFile)).toString('utf8'))
    : { docsDir: 'docs', notes: ['No mkdocs.yml: the site is the docs/ folder'] };
  const notes = [...config.notes];
  const prefix = config.docsDir === '.' ? '' : `${config.docsDir}/`;
  const docsFiles = files.filter(f => f.startsWith(prefix)).map(f => f.slice(prefix.length));
  const fileSet = new Set(docsFiles);
  const markdownFiles = docsFiles.filter(isMarkdownFile);

  const pages: BuiltPage[] = [];
  for (let i = 0; i < markdownFiles.length; i += READ_CONCURRENCY) {
    const batch = markdownFiles.slice(i, i + READ_CONCURRENCY);
    const contents = await Promise.all(batch.map(file => source.readFile(version, prefix + file)));
    batch.forEach((file, k) => {
      const content = contents[k]!;
      if (content.byteLength > maxPageBytes) {
        notes.push(`${prefix + file} is larger than ${maxPageBytes} bytes and was not rendered`);
        return;
      }
      const rendered = options.render(content.toString('utf8'), {
        file,
        files: fileSet,
        pageUrl: options.pageUrl,
        assetUrl: options.assetUrl,
      });
      pages.push({
        path: pagePathOf(file),
        file: prefix + file,
        title: rendered.title ?? titleFromFile(file),
        html: rendered.html,
        toc: rendered.toc,
        text: rendered.text,
      });
    });
  }

  const titles = new Map(pages.map(p => [p.path, p.title]));
  const { nav, notes: navNotes } = buildNav({
    nav: config.nav,
    files: pages.map(p => p.file.slice(prefix.length)),
    titleOf: file => titles.get(pagePathOf(file)) ?? titleFromFile(file),
  });
  notes.push(...navNotes);
  const home =
    pages.find(p => /^index$/i.test(p.path)) ?? pages.find(p => /^readme$/i.test(p.path)) ?? pages.find(p => p.path === flattenNav(nav)[0]?.path) ?? pages[0];
  return { siteName: config.siteName ?? options.fallbackSiteName, docsDir: config.docsDir, nav, homePath: home?.path ?? '', notes, pages };
}

function titleFromFile(file: string): string {
  const base = path.posix.basename(file).replace(/\.md$/i, '');
  const name = /^(index|readme)$/i.test(base) ? path.posix.basename(path.posix.dirname(file)) || 'Home' : base;
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
