import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { lineText, tokenizeNested } from './blockBody.js';

// An element opened on its own line with a `markdown` attribute: `<div markdown>`, `<details markdown="1">`.
const OPENER = /^<([a-z][a-z0-9-]*)((?:\s+[^>]*?)?)\s+markdown(?:=(?:"[^"]*"|'[^']*'|[^\s>]+))?((?:\s+[^>]*?)?)\s*>\s*$/i;

/**
 * md_in_html: the content of an HTML block whose opening tag has a `markdown` attribute is
 * Markdown, up to the matching closing tag on a line of its own (nested same-name tags counted).
 */
export function mdInHtmlPlugin(md: MarkdownIt): void {
  md.block.ruler.before('html_block', 'md_in_html', mdInHtmlRule, { alt: ['paragraph', 'reference', 'blockquote'] });
}

function mdInHtmlRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.charCodeAt(state.bMarks[startLine]! + state.tShift[startLine]!) !== 0x3c /* < */) return false;
  const opened = OPENER.exec(lineText(state, startLine));
  if (!opened) return false;
  const tag = opened[1]!.toLowerCase();
  const openTag = new RegExp(`<${tag}\\b`, 'gi');
  const closeTag = new RegExp(`</${tag}\\s*>`, 'gi');
  let depth = 1;
  let closeLine = -1;
  for (let line = startLine + 1; line < endLine && closeLine < 0; line++) {
    const text = lineText(state, line);
    depth += (text.match(openTag)?.length ?? 0) - (text.match(closeTag)?.length ?? 0);
    if (depth <= 0) closeLine = line;
  }
  // The closing tag must be a line of its own, so the content between is whole lines.
  if (closeLine < 0 || !new RegExp(`^</${tag}\\s*>\\s*$`, 'i').test(lineText(state, closeLine))) return false;
  if (silent) return true;

  const open = state.push('html_block', '', 0);
  open.content = `<${opened[1]}${opened[2] ?? ''}${opened[3] ?? ''}>\n`;
  open.map = [startLine, startLine + 1];
  tokenizeNested(state, startLine + 1, closeLine, state.blkIndent, 'md_in_html');
  const close = state.push('html_block', '', 0);
  close.content = `</${opened[1]}>\n`;
  state.line = closeLine + 1;
  return true;
}
