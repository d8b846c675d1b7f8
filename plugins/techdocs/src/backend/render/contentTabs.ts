import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { indentedBodyEnd, lineText, tokenizeNested } from './blockBody.js';
import { renderEnvOf, type RenderEnv } from './trustedHtml.js';

// pymdownx.tabbed: `=== "Label"`, `===+` for the tab shown first, `===!` to start a new set.
const OPENER = /^===([+!]{0,2})[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*$/;

interface TabMeta {
  label: string;
  selected: boolean;
  newSet: boolean;
}

/**
 * Content tabs as radio buttons and labels, so they switch with CSS alone (and with the keyboard);
 * the reader only adds linked tabs on top. Consecutive tabs at the same level form one set.
 */
export function contentTabsPlugin(md: MarkdownIt, options: { linked?: boolean } = {}): void {
  const setClass = options.linked ? 'tabbed-set tabbed-linked' : 'tabbed-set';
  md.block.ruler.before('fence', 'content_tab', tabRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.push('content_tab_sets', state => {
    state.tokens = groupIntoSets(state.tokens, state.Token);
  });
  md.renderer.rules.tabbed_set_open = (tokens, idx) => `<div class="${setClass}" data-tabs="${tokens[idx]!.meta.set}:${tokens[idx]!.meta.count}">\n`;
  md.renderer.rules.tabbed_set_close = () => '</div>\n';
  md.renderer.rules.tab_open = (tokens, idx, _options, env) => {
    const { set, index, checked, label } = tokens[idx]!.meta as { set: number; index: number; checked: boolean; label: string };
    const id = `__tabbed_${set}_${index}`;
    return (
      `<input type="radio" name="__tabbed_${set}" id="${id}"${checked ? ' checked' : ''} />` +
      `<label for="${id}">${md.renderInline(label, labelEnv(env))}</label>\n<div class="tabbed-content">\n`
    );
  };
  md.renderer.rules.tab_close = () => '</div>\n';
}

/** A label renders with the page's trusted markup (icons) but not its footnotes or references. */
function labelEnv(env: unknown): RenderEnv {
  const { trusted, notes } = renderEnvOf(env);
  return { trusted, notes };
}

function tabRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (state.src.charCodeAt(state.bMarks[startLine]! + state.tShift[startLine]!) !== 0x3d /* = */) return false;
  const match = OPENER.exec(lineText(state, startLine));
  if (!match) return false;
  if (silent) return true;
  const bodyIndent = state.sCount[startLine]! + 4;
  const bodyEnd = indentedBodyEnd(state, startLine, endLine, bodyIndent);
  const meta: TabMeta = { label: match[2]!.replace(/\\(.)/g, '$1'), selected: match[1]!.includes('+'), newSet: match[1]!.includes('!') };
  const open = state.push('tab_open', 'div', 1);
  open.block = true;
  open.meta = meta;
  open.map = [startLine, bodyEnd];
  tokenizeNested(state, startLine + 1, bodyEnd, bodyIndent, 'tab');
  state.push('tab_close', 'div', -1).block = true;
  state.line = bodyEnd;
  return true;
}

/** Wraps each run of sibling tabs in a set, numbering sets and tabs as pymdownx.tabbed does. */
function groupIntoSets(tokens: Token[], TokenClass: typeof Token): Token[] {
  const out: Token[] = [];
  let setCount = 0;
  // The set open at each nesting depth, waiting for its last tab to close.
  const openSets: Array<{ token: Token; level: number; tabs: Token[] } | undefined> = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'tab_open') {
      const meta = token.meta as TabMeta;
      let set = openSets[depth];
      if (!set || meta.newSet) {
        if (set) out.push(closeSet(set, TokenClass));
        const setToken = new TokenClass('tabbed_set_open', 'div', 1);
        setToken.block = true;
        setToken.meta = { set: ++setCount, count: 0 };
        out.push(setToken);
        set = openSets[depth] = { token: setToken, level: depth, tabs: [] };
      }
      set.tabs.push(token);
      token.meta = { ...meta, set: set.token.meta.set, index: set.tabs.length };
      out.push(token);
      depth++;
      continue;
    }
    if (token.type === 'tab_close') {
      depth--;
      out.push(token);
      // The set ends unless the next token is another tab at this depth.
      if (tokens[i + 1]?.type !== 'tab_open' || (tokens[i + 1]!.meta as TabMeta).newSet) {
        const set = openSets[depth];
        if (set) out.push(closeSet(set, TokenClass));
        openSets[depth] = undefined;
      }
      continue;
    }
    if (token.nesting === 1) depth++;
    if (token.nesting === -1) depth--;
    out.push(token);
  }
  return out;
}

function closeSet(set: { token: Token; tabs: Token[] }, TokenClass: typeof Token): Token {
  set.token.meta.count = set.tabs.length;
  const selected = set.tabs.findIndex(t => (t.meta as TabMeta).selected);
  set.tabs.forEach((tab, i) => (tab.meta.checked = i === (selected >= 0 ? selected : 0)));
  const close = new TokenClass('tabbed_set_close', 'div', -1);
  close.block = true;
  return close;
}
