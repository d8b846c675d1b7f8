import katex from 'katex';
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { lineText } from './blockBody.js';
import { renderEnvOf } from './trustedHtml.js';

/**
 * pymdownx.arithmatex: `$…$` and `\(…\)` inline, `$$…$$`, `\[…\]` and `\begin{env}…\end{env}`
 * as blocks, typeset on the server by KaTeX (the reader bundles KaTeX's stylesheet and fonts).
 * KaTeX runs untrusted: `\href`, `\includegraphics` and HTML extensions are refused.
 */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math_inline', (state, silent) => {
    const src = state.src;
    const start = state.pos;
    let content: string | undefined;
    let end = start;
    if (src.charCodeAt(start) === 0x24 /* $ */) {
      const next = src.charAt(start + 1);
      if (next === '' || next === '$' || /\s/.test(next)) return false;
      for (let i = start + 1; i < state.posMax; i++) {
        const c = src.charCodeAt(i);
        if (c === 0x5c /* \ */) {
          i++;
          continue;
        }
        if (c === 0x24 && !/\s/.test(src.charAt(i - 1))) {
          content = src.slice(start + 1, i);
          end = i + 1;
          break;
        }
      }
    } else if (src.startsWith('\\(', start)) {
      const close = src.indexOf('\\)', start + 2);
      if (close > start + 2 && close < state.posMax) {
        content = src.slice(start + 2, close);
        end = close + 2;
      }
    }
    if (content === undefined) return false;
    if (!silent) state.push('docs_trusted', '', 0).content = typeset(content, false, state.env);
    state.pos = end;
    return true;
  });
  md.block.ruler.before('fence', 'math_block', mathBlockRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

const BLOCK_OPENERS: Array<{ open: RegExp; close: (m: RegExpExecArray) => RegExp; keep: boolean }> = [
  { open: /^\$\$/, close: () => /\$\$\s*$/, keep: false },
  { open: /^\\\[/, close: () => /\\\]\s*$/, keep: false },
  { open: /^\\begin\{([a-z]+\*?)\}/, close: m => new RegExp(`\\\\end\\{${m[1]!.replace('*', '\\*')}\\}\\s*$`), keep: true },
];

function mathBlockRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const first = lineText(state, startLine);
  for (const { open, close, keep } of BLOCK_OPENERS) {
    const opened = open.exec(first);
    if (!opened) continue;
    const closer = close(opened);
    const lines: string[] = [];
    let line = startLine;
    let rest = first.slice(keep ? 0 : opened[0].length);
    for (;;) {
      const closed = closer.exec(rest);
      // The opener's own line closes only if something sits between the marks (`$$ x $$`).
      if (closed && (line > startLine || closed.index > 0 || keep)) {
        lines.push(keep ? rest : rest.slice(0, closed.index));
        break;
      }
      lines.push(rest);
      line++;
      if (line >= endLine) return false;
      rest = lineText(state, line);
    }
    if (silent) return true;
    const token = state.push('docs_trusted_block', 'div', 0);
    token.block = true;
    token.content = `<div class="arithmatex">${typeset(lines.join('\n').trim(), true, state.env)}</div>\n`;
    token.map = [startLine, line + 1];
    state.line = line + 1;
    return true;
  }
  return false;
}

// The same formula often stands on several pages (a site's notation); KaTeX is the costly part.
const typesetCache = new Map<string, string>();
const TYPESET_CACHE_SIZE = 2000;

function typeset(tex: string, displayMode: boolean, env: unknown): string {
  const { trusted, notes } = renderEnvOf(env);
  const key = `${displayMode ? 'display' : 'inline'}\0${tex}`;
  const cached = typesetCache.get(key);
  if (cached !== undefined) return trusted.add(cached);
  try {
    const html = katex.renderToString(tex, { displayMode, throwOnError: true, output: 'htmlAndMathml', trust: false, strict: 'ignore' });
    if (typesetCache.size >= TYPESET_CACHE_SIZE) typesetCache.delete(typesetCache.keys().next().value!);
    typesetCache.set(key, html);
    return trusted.add(html);
  } catch (error) {
    notes.push(`math "${tex.slice(0, 40)}" does not typeset: ${(error as Error).message.replace(/^KaTeX parse error: /, '')}`);
    return trusted.add(katex.renderToString(tex, { displayMode, throwOnError: false, output: 'html', trust: false, strict: 'ignore' }));
  }
}
