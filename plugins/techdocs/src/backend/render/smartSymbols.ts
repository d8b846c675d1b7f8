import type MarkdownIt from 'markdown-it';

// pymdownx.smartsymbols' replacements, in the order it tries them (longer arrows first).
const SYMBOLS: Array<[RegExp, string]> = [
  [/\(tm\)/gi, '™'],
  [/\(c\)/gi, '©'],
  [/\(r\)/gi, '®'],
  [/\bc\/o\b/gi, '℅'],
  [/\+\/-/g, '±'],
  [/<-->/g, '↔'],
  [/-->/g, '→'],
  [/<--/g, '←'],
  [/=\/=/g, '≠'],
];

const FRACTIONS: Record<string, string> = {
  '1/4': '¼',
  '1/2': '½',
  '3/4': '¾',
  '1/3': '⅓',
  '2/3': '⅔',
  '1/5': '⅕',
  '2/5': '⅖',
  '3/5': '⅗',
  '4/5': '⅘',
  '1/6': '⅙',
  '5/6': '⅚',
  '1/8': '⅛',
  '3/8': '⅜',
  '5/8': '⅝',
  '7/8': '⅞',
};

/** Replaces `(c)`, `-->`, `1/2`… in text (never in code) with their symbols. */
export function smartSymbolsPlugin(md: MarkdownIt): void {
  md.core.ruler.push('smart_symbols', state => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      for (const token of block.children) {
        if (token.type !== 'text' || !/[()/<>=+-]/.test(token.content)) continue;
        let text = token.content;
        for (const [pattern, symbol] of SYMBOLS) text = text.replace(pattern, symbol);
        token.content = text.replace(/(?<![\w/])(\d\/\d)(?![\w/])/g, (whole, fraction: string) => FRACTIONS[fraction] ?? whole);
      }
    }
  });
}
