import type MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';

/**
 * Inline syntax of pymdownx that has no markdown-it plugin: `++ctrl+alt+del++` (keys),
 * `^^inserted^^` (caret) and CriticMarkup (`{++ ++}`, `{-- --}`, `{~~ ~> ~~}`, `{== ==}`, `{>> <<}`).
 */
export function keysPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'keys', (state, silent) => {
    const match = delimited(state, '++', '++', /^[^\s+](?:[^\n]*?[^\s+])?$|^[^\s]$/);
    if (!match) return false;
    // Keys are separated by single `+`; a quoted key may hold anything.
    const keys = match.content.match(/"[^"]*"|'[^']*'|[^+]+/g) ?? [];
    if (keys.length === 0) return false;
    if (!silent) state.push('keys', 'span', 0).meta = keys.map(k => k.trim());
    state.pos = match.end;
    return true;
  });
  md.renderer.rules.keys = (tokens, idx) => {
    const keys = tokens[idx]!.meta as string[];
    const rendered = keys.map(key => {
      const quoted = /^["'](.*)["']$/.exec(key);
      const name = quoted ? '' : key.toLowerCase();
      const label = quoted ? quoted[1]! : (KEY_LABELS[name] ?? key.charAt(0).toUpperCase() + key.slice(1));
      return `<kbd${name ? ` class="key-${md.utils.escapeHtml(name.replace(/[^a-z0-9-]/g, ''))}"` : ''}>${md.utils.escapeHtml(label)}</kbd>`;
    });
    return `<span class="keys">${rendered.join('<span>+</span>')}</span>`;
  };
}

const KEY_LABELS: Record<string, string> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  cmd: 'Cmd',
  command: 'Cmd',
  meta: 'Meta',
  win: 'Win',
  windows: 'Win',
  option: 'Option',
  del: 'Del',
  delete: 'Del',
  enter: 'Enter',
  return: 'Return',
  tab: 'Tab',
  esc: 'Esc',
  escape: 'Esc',
  space: 'Space',
  backspace: 'Backspace',
  insert: 'Ins',
  home: 'Home',
  end: 'End',
  'page-up': 'Page Up',
  'page-down': 'Page Down',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  'arrow-up': '↑',
  'arrow-down': '↓',
  'arrow-left': '←',
  'arrow-right': '→',
};

/** `^^text^^` is inserted text (pymdownx.caret); single carets stay superscript. */
export function caretInsertPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'caret_ins', (state, silent) => wrapInline(state, silent, '^^', '^^', 'ins'));
}

/** `~~text~~` is deleted text, `<del>` as pymdownx.tilde writes it. */
export function tildeDeletePlugin(md: MarkdownIt): void {
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
}

/** CriticMarkup, shown as the edits it proposes (pymdownx.critic's default view mode). */
export function criticPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'critic', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
    for (const [open, close, tag] of CRITIC) {
      const match = delimited(state, open, close);
      if (!match) continue;
      if (!silent) {
        if (tag === 'sub') {
          const [before, after = ''] = match.content.split('~>');
          pushWrapped(state, 'del', before!);
          pushWrapped(state, 'ins', after);
        } else if (tag === 'comment') {
          const token = state.push('critic_comment', 'span', 0);
          token.content = match.content;
        } else pushWrapped(state, tag, match.content);
      }
      state.pos = match.end;
      return true;
    }
    return false;
  });
  md.renderer.rules.critic_comment = (tokens, idx) => `<span class="critic comment">${md.utils.escapeHtml(tokens[idx]!.content)}</span>`;
}

const CRITIC: Array<[string, string, 'ins' | 'del' | 'mark' | 'sub' | 'comment']> = [
  ['{++', '++}', 'ins'],
  ['{--', '--}', 'del'],
  ['{~~', '~~}', 'sub'],
  ['{==', '==}', 'mark'],
  ['{>>', '<<}', 'comment'],
];

function pushWrapped(state: StateInline, tag: string, content: string): void {
  const open = state.push(`${tag}_open`, tag, 1);
  open.attrSet('class', 'critic');
  const inner = state.md.parseInline(content, state.env)[0]?.children ?? [];
  state.tokens.push(...inner);
  state.push(`${tag}_close`, tag, -1);
}

function wrapInline(state: StateInline, silent: boolean, open: string, close: string, tag: string): boolean {
  const match = delimited(state, open, close, /^\S(?:[\s\S]*\S)?$/);
  if (!match) return false;
  if (!silent) {
    state.push(`${tag}_open`, tag, 1);
    const saved = { pos: state.pos, posMax: state.posMax };
    state.pos = match.contentStart;
    state.posMax = match.contentStart + match.content.length;
    state.md.inline.tokenize(state);
    state.pos = saved.pos;
    state.posMax = saved.posMax;
    state.push(`${tag}_close`, tag, -1);
  }
  state.pos = match.end;
  return true;
}

function delimited(state: StateInline, open: string, close: string, content?: RegExp): { content: string; contentStart: number; end: number } | undefined {
  if (!state.src.startsWith(open, state.pos)) return undefined;
  const contentStart = state.pos + open.length;
  const closeAt = state.src.indexOf(close, contentStart + 1);
  if (closeAt < 0 || closeAt > state.posMax) return undefined;
  const text = state.src.slice(contentStart, closeAt);
  if (text === '' || (content && !content.test(text))) return undefined;
  return { content: text, contentStart, end: closeAt + close.length };
}
