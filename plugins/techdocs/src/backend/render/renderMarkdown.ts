import yaml from 'js-yaml';
import MarkdownIt from 'markdown-it';
import abbr from 'markdown-it-abbr';
import attrs from 'markdown-it-attrs';
import deflist from 'markdown-it-deflist';
import { full as emoji } from 'markdown-it-emoji';
import footnote from 'markdown-it-footnote';
import mark from 'markdown-it-mark';
import sub from 'markdown-it-sub';
import sup from 'markdown-it-sup';
import taskLists from 'markdown-it-task-lists';
import type Token from 'markdown-it/lib/token.mjs';
import type { DocsTocEntry } from '../../common/types.js';
import { admonitionsPlugin } from './admonitions.js';
import { codeBlocksPlugin, inlineHighlightPlugin } from './codeBlocks.js';
import { contentTabsPlugin } from './contentTabs.js';
import { loadGraphviz, needsGraphviz } from './graphviz.js';
import { headingIdsPlugin } from './headingIds.js';
import { iconsPlugin } from './icons.js';
import { caretInsertPlugin, criticPlugin, keysPlugin, tildeDeletePlugin } from './inlineExtensions.js';
import { DEFAULT_FEATURES, featuresKey, type MarkdownFeatures } from './markdownFeatures.js';
import { mathPlugin } from './math.js';
import { mdInHtmlPlugin } from './mdInHtml.js';
import { rewriteDocsUrl, type DocsLinkContext } from './rewriteDocsUrl.js';
import { createDocsSanitizer } from './sanitizeDocsHtml.js';
import { smartSymbolsPlugin } from './smartSymbols.js';
import { TrustedHtml, type RenderEnv } from './trustedHtml.js';

export interface RenderedPage {
  /** The page's title: front matter `title`, else its first level-1 heading. */
  title?: string;
  /** Sanitised HTML. */
  html: string;
  toc: DocsTocEntry[];
  /** The page's words, for searching within the site. */
  text: string;
  /** Every id in the page, for checking links to its anchors. */
  ids: string[];
  /** What in the page was not rendered as MkDocs would render it. */
  notes: string[];
}

export interface DocsRendererOptions {
  allowedIframeHosts?: string[];
}

export interface RenderContext extends DocsLinkContext {
  /** The Markdown the site is written in (from its mkdocs.yml); techdocs-core's when omitted. */
  features?: MarkdownFeatures;
}

export type RenderDocsPage = (markdown: string, context: RenderContext) => Promise<RenderedPage>;

/**
 * Creates the Markdown renderer once (markdown-it and its plugins are costly to set up, cheap to
 * run), with one markdown-it per distinct set of extensions. Raw HTML is allowed in Markdown, as
 * MkDocs allows it, because everything is sanitised after.
 */
export function createDocsRenderer(options: DocsRendererOptions = {}): RenderDocsPage {
  const parsers = new Map<string, MarkdownIt>();
  const sanitize = createDocsSanitizer({ allowedIframeHosts: options.allowedIframeHosts ?? [] });

  return async (markdown, context) => {
    const features = context.features ?? DEFAULT_FEATURES;
    const { meta, body } = readFrontMatter(markdown);
    // attr_list's plugin looks at every token and is a costly rule: pages without `{ #id }`,
    // `{: .class }` or `{ key=value }` skip it.
    const attrList = features.extensions.has('attr_list') && /\{:?[ \t]*[#.a-zA-Z]/.test(body);
    const key = `${keyOf(features)}|${attrList}`;
    let md = parsers.get(key);
    if (!md) parsers.set(key, (md = createMarkdownIt(features, attrList)));
    const source = normaliseHeadings(body);
    if (features.extensions.has('pymdownx.superfences') && needsGraphviz(source)) await loadGraphviz();
    const env: RenderEnv = { trusted: new TrustedHtml(), notes: [] };
    const tokens = md.parse(source, env);
    const { title, toc } = readHeadings(tokens);
    const rendered = md.renderer.render(tokens, md.options, env);
    const html = env.trusted.restore(
      sanitize(rendered, (url, tag, origin) => rewriteDocsUrl(url, tag, context, origin === 'html' && features.useDirectoryUrls)),
    );
    return {
      title: typeof meta.title === 'string' && meta.title.trim() ? meta.title.trim() : title,
      html,
      toc,
      text: plainText(tokens),
      ids: [...html.matchAll(/\sid="([^"]+)"/g)].map(m => m[1]!),
      notes: [...new Set(env.notes)],
    };
  };
}

const keys = new WeakMap<MarkdownFeatures, string>();

function keyOf(features: MarkdownFeatures): string {
  let key = keys.get(features);
  if (key === undefined) keys.set(features, (key = featuresKey(features)));
  return key;
}

function createMarkdownIt(features: MarkdownFeatures, attrList: boolean): MarkdownIt {
  const on = (name: Parameters<typeof features.extensions.has>[0]) => features.extensions.has(name);
  // Python-Markdown links nothing by itself; pymdownx.magiclink links URLs with a scheme or `www.`,
  // never bare file names such as `example.md`.
  const md = new MarkdownIt({ html: true, linkify: on('pymdownx.magiclink'), typographer: false });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.linkify.add('www.', {
    validate: (text, pos) => /^[a-z0-9-]+(\.[a-z0-9-]+)+[^\s<>"]*/i.exec(text.slice(pos))?.[0].replace(/[.,;:!?)]+$/, '').length ?? 0,
    normalize: match => {
      match.url = `https://${match.url}`;
    },
  });
  md.renderer.rules.docs_trusted = (tokens, idx) => tokens[idx]!.content;
  md.renderer.rules.docs_trusted_block = (tokens, idx) => tokens[idx]!.content;
  // Marks what Markdown wrote, as opposed to raw HTML, whose relative URLs MkDocs leaves to the browser.
  for (const rule of ['link_open', 'image'] as const) {
    const original = md.renderer.rules[rule] ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
    md.renderer.rules[rule] = (tokens, idx, opts, env, self) => {
      tokens[idx]!.attrSet('data-docs-md', '');
      return original(tokens, idx, opts, env, self);
    };
  }

  if (on('pymdownx.tasklist')) md.use(taskLists, { enabled: false });
  md.use(admonitionsPlugin);
  if (on('pymdownx.tabbed')) md.use(contentTabsPlugin, { linked: features.linkedTabs });
  if (on('md_in_html')) md.use(mdInHtmlPlugin);
  if (on('pymdownx.arithmatex')) md.use(mathPlugin);
  if (on('footnotes')) {
    md.use(footnote as unknown as (md: MarkdownIt) => void);
    // Python-Markdown's ids: `fn:1` and `fnref:1`.
    md.renderer.rules.footnote_anchor_name = (tokens, idx) => `:${Number(tokens[idx]!.meta.id) + 1}`;
  }
  if (on('def_list')) md.use(deflist);
  if (on('abbr')) md.use(abbr);
  if (on('pymdownx.keys')) md.use(keysPlugin);
  if (on('pymdownx.critic')) md.use(criticPlugin);
  if (on('pymdownx.caret')) md.use(caretInsertPlugin).use(sup);
  if (on('pymdownx.tilde')) md.use(tildeDeletePlugin).use(sub);
  if (on('pymdownx.mark')) md.use(mark);
  if (on('pymdownx.emoji')) md.use(iconsPlugin).use(emoji);
  if (on('pymdownx.smartsymbols')) md.use(smartSymbolsPlugin);
  if (attrList) {
    // Only ids, classes and a few harmless attributes; the sanitiser has the last word anyway.
    (md.use as (plugin: unknown, options: unknown) => MarkdownIt)(attrs, {
      leftDelimiter: '{',
      rightDelimiter: '}',
      allowedAttributes: ['id', 'class', 'title', 'download', 'width', 'height', 'align', 'loading', 'target', 'rel', 'lang'],
    });
  }
  md.use(codeBlocksPlugin, { superfences: on('pymdownx.superfences') });
  if (on('pymdownx.inlinehilite')) md.use(inlineHighlightPlugin);
  md.use(headingIdsPlugin, features.toc);
  return md;
}

/** YAML front matter, as MkDocs reads it into the page's meta; the rest is the page's Markdown. */
export function readFrontMatter(markdown: string): { meta: Record<string, unknown>; body: string } {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(markdown);
  if (!match) return { meta: {}, body: markdown };
  let meta: unknown;
  try {
    meta = yaml.load(match[1] ?? '', { schema: yaml.JSON_SCHEMA });
  } catch {
    meta = undefined;
  }
  return { meta: meta && typeof meta === 'object' && !Array.isArray(meta) ? (meta as Record<string, unknown>) : {}, body: markdown.slice(match[0].length) };
}

/** Front matter is not rendered. */
export function stripFrontMatter(markdown: string): string {
  return readFrontMatter(markdown).body;
}

/**
 * Python-Markdown reads `#Title` and `##\u00a0Title` (a non-breaking space, as some editors
 * write) as headings; CommonMark wants a plain space. Fenced code is left alone.
 */
function normaliseHeadings(markdown: string): string {
  if (!/^[ \t]*#{1,6}[^ \t#\n]/m.test(markdown)) return markdown;
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map(line => {
      const marker = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence ? undefined : marker;
        return line;
      }
      if (fence) return line;
      const spaced = /^([ \t]*#{1,6})[\u00a0\u2000-\u200a\u202f\u3000]+/.exec(line);
      if (spaced) return `${spaced[1]} ${line.slice(spaced[0].length)}`;
      return line.replace(/^(#{1,6})(?=[^\s#])/, '$1 ');
    })
    .join('\n');
}

function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .map(child => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type.endsWith('break') ? ' ' : ''))
    .join('')
    .trim();
}

function readHeadings(tokens: Token[]): { title?: string; toc: DocsTocEntry[] } {
  let title: string | undefined;
  const toc: DocsTocEntry[] = [];
  const open: DocsTocEntry[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const level = Number(token.tag.slice(1));
    const text = headingText(tokens[i + 1]);
    if (level === 1) {
      title ??= text;
      return;
    }
    if (level > 4) return;
    const entry: DocsTocEntry = { id: token.attrGet('id') ?? '', title: text, level, children: [] };
    while (open.length > 0 && open[open.length - 1]!.level >= level) open.pop();
    (open.length > 0 ? open[open.length - 1]!.children : toc).push(entry);
    open.push(entry);
  });
  return { title, toc };
}

function plainText(tokens: Token[]): string {
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline') parts.push(headingText(token));
    else if (token.type === 'fence' || token.type === 'code_block') parts.push(token.content);
  }
  return parts.join('\n').replace(/\s+/g, ' ').trim();
}
