import type MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { slugify, uniqueId, type SlugOptions } from './slugify.js';

export interface HeadingIdOptions extends SlugOptions {
  permalink: string | false;
}

/**
 * Heading ids as Python-Markdown's toc extension gives them. Ids already in the page (from
 * attr_list's `{ #id }` or raw HTML) are taken first, so a generated id never repeats one.
 * Runs after the inline rules, so the heading's text is what a reader sees.
 */
const RAW_ID = /\sid\s*=\s*["']?([^"'\s>]+)/g;

export function headingIdsPlugin(md: MarkdownIt, options: HeadingIdOptions): void {
  md.core.ruler.push('heading_ids', state => {
    const used = new Set<string>();
    for (const token of state.tokens) {
      const id = token.attrGet('id');
      if (id) used.add(id);
      const html =
        token.type === 'html_block'
          ? token.content
          : token.type === 'inline'
            ? (token.children ?? [])
                .filter(c => c.type === 'html_inline')
                .map(c => c.content)
                .join('')
            : '';
      for (const match of html.matchAll(RAW_ID)) used.add(match[1]!);
    }
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return;
      if (!token.attrGet('id')) token.attrSet('id', uniqueId(slugify(headingSource(state.tokens[i + 1]), options), used));
    });
  });
  const { permalink } = options;
  if (permalink === false) return;
  // Added when rendering, so the heading's tokens (and so its title in the toc) stay the author's.
  md.renderer.rules.heading_close = (tokens, idx) => {
    const id = tokens[idx - 2]?.attrGet('id');
    const link = id ? ` <a class="header-anchor" href="#${md.utils.escapeHtml(id)}" title="Permanent link">${md.utils.escapeHtml(permalink)}</a>` : '';
    return `${link}</${tokens[idx]!.tag}>\n`;
  };
}

/** The heading's text as Python-Markdown slugifies it: inline markup rendered, then tags stripped. */
function headingSource(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .map(child => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      if (child.type === 'image') return child.content;
      if (child.type === 'html_inline') return child.content;
      return '';
    })
    .join('');
}
