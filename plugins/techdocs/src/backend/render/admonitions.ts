import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { indentedBodyEnd, tokenizeNested } from './blockBody.js';

// `!!! note "Title"` as MkDocs writes admonitions; `???` folds the body away and `???+` starts open.
const OPENER = /^(!!!|\?\?\?\+?)[ \t]+([\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"([^"]*)")?[ \t]*$/;

/**
 * Admonitions as a block rule: the body is every following line indented by four more spaces
 * (or blank), parsed as Markdown of its own, like a list item's content.
 */
export function admonitionsPlugin(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'admonition', admonitionRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.admonition_open = (tokens, idx) => {
    const { kind, classes, title, collapsible, open } = tokens[idx]!.meta as AdmonitionMeta;
    // Prefixed classes, so the sanitiser can allow exactly the reader's admonition styles.
    const className = md.utils.escapeHtml(['admonition', ...[kind, ...classes].map(c => `admonition-${c}`)].join(' '));
    const heading = title === '' ? '' : md.utils.escapeHtml(title ?? kind.charAt(0).toUpperCase() + kind.slice(1));
    if (collapsible) {
      return `<details class="${className}"${open ? ' open' : ''}><summary>${heading || 'Details'}</summary>\n`;
    }
    return `<div class="${className}">${heading ? `<p class="admonition-title">${heading}</p>` : ''}\n`;
  };
  md.renderer.rules.admonition_close = (tokens, idx) => ((tokens[idx]!.meta as AdmonitionMeta).collapsible ? '</details>\n' : '</div>\n');
}

interface AdmonitionMeta {
  kind: string;
  classes: string[];
  title?: string;
  collapsible: boolean;
  open: boolean;
}

function admonitionRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  // Four or more spaces of indentation make a code block, not an admonition.
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (state.src.charCodeAt(start) !== 0x21 /* ! */ && state.src.charCodeAt(start) !== 0x3f /* ? */) return false;
  const match = OPENER.exec(state.src.slice(start, state.eMarks[startLine]));
  if (!match) return false;
  if (silent) return true;

  const bodyIndent = state.sCount[startLine]! + 4;
  const bodyEnd = indentedBodyEnd(state, startLine, endLine, bodyIndent);

  const [marker, words, title] = [match[1]!, match[2]!.split(/[ \t]+/), match[3]];
  const meta: AdmonitionMeta = {
    kind: words[0]!.toLowerCase(),
    classes: words.slice(1),
    title,
    collapsible: marker.startsWith('???'),
    open: marker === '???+',
  };
  const open = state.push('admonition_open', 'div', 1);
  open.block = true;
  open.meta = meta;
  open.map = [startLine, bodyEnd];

  tokenizeNested(state, startLine + 1, bodyEnd, bodyIndent, 'admonition');

  const close = state.push('admonition_close', 'div', -1);
  close.block = true;
  close.meta = meta;
  state.line = bodyEnd;
  return true;
}
