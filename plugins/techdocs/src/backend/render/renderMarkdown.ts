import hljs from 'highlight.js/lib/common';
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import taskLists from 'markdown-it-task-lists';
import type Token from 'markdown-it/lib/token.mjs';
import type { DocsTocEntry } from '../../common/types.js';
import { admonitionsPlugin } from './admonitions.js';
import { rewriteDocsUrl, type DocsLinkContext } from './rewriteDocsUrl.js';
import { createDocsSanitizer } from './sanitizeDocsHtml.js';

export interface RenderedPage {
  /** The first level-1 heading, if the page has one. */
  title?: string;
  /** Sanitised HTML. */
  html: string;
  toc: DocsTocEntry[];
  /** The page's words, for searching within the site. */
  text: string;
}

export interface DocsRendererOptions {
  allowedIframeHosts?: string[];
}

export type RenderDocsPage = (markdown: string, context: DocsLinkContext) => RenderedPage;

/**
 * Creates the Markdown renderer once (markdown-it and its plugins are costly to set up, cheap to
 * run). Raw HTML is allowed in Markdown, as MkDocs allows it, because everything is sanitised after.
 */
export function createDocsRenderer(options: DocsRendererOptions = {}): RenderDocsPage {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, highlight: highlightCode });
  md.use(anchor, {
    level: [1, 2, 3, 4, 5, 6],
    slugify: slugifyHeading,
    permalink: anchor.permalink.linkInsideHeader({ symbol: '¶', placement: 'after', class: 'header-anchor' }),
  });
  md.use(taskLists, { enabled: false });
  md.use(admonitionsPlugin);
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    // Diagrams are drawn in the browser by mermaid, from the escaped source.
    if (token.info.trim().toLowerCase() === 'mermaid') return `<pre class="mermaid">${md.utils.escapeHtml(token.content)}</pre>\n`;
    return fence(tokens, idx, opts, env, self);
  };
  const sanitize = createDocsSanitizer({ allowedIframeHosts: options.allowedIframeHosts ?? [] });

  return (markdown, context) => {
    const tokens = md.parse(stripFrontMatter(markdown), {});
    const { title, toc } = readHeadings(tokens);
    const html = sanitize(md.renderer.render(tokens, md.options, {}), (url, tag) => rewriteDocsUrl(url, tag, context));
    return { title, html, toc, text: plainText(tokens) };
  };
}

function highlightCode(code: string, lang: string): string {
  const language = lang.trim().toLowerCase();
  if (!language || !hljs.getLanguage(language)) return '';
  const highlighted = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  return `<pre><code class="hljs language-${language}">${highlighted}</code></pre>`;
}

/** Like MkDocs' toc extension: lower case, words joined by dashes, punctuation dropped. */
export function slugifyHeading(text: string): string {
  const slug = text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/[\s_-]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'section';
}

/** Front matter is not rendered (MkDocs reads it as page meta, which the portal does not use). */
export function stripFrontMatter(markdown: string): string {
  const match = /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(markdown);
  return match ? markdown.slice(match[0].length) : markdown;
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
    const entry: DocsTocEntry = { id: token.attrGet('id') ?? slugifyHeading(text), title: text, level, children: [] };
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
