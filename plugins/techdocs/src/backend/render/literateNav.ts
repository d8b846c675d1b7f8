/** One item of a literate-nav SUMMARY.md: a link, a section title, or a link with children. */
export interface SummaryItem {
  title?: string;
  target?: string;
  children: SummaryItem[];
}

const ITEM = /^(\s*)[-*+][ \t]+(.*)$/;
const LINK = /^\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)\s*$/;

/**
 * Reads the nested Markdown list of a literate-nav SUMMARY.md (the first list in the file; text
 * before it, such as a heading, is skipped). Items are `[Title](target)`, a bare `Title` heading
 * a nested list, or a bare `page.md`.
 */
export function parseSummary(markdown: string): SummaryItem[] {
  const root: SummaryItem = { children: [] };
  const stack: Array<{ indent: number; item: SummaryItem }> = [{ indent: -1, item: root }];
  let started = false;
  for (const line of markdown.split(/\r?\n/)) {
    const match = ITEM.exec(line);
    if (!match) {
      if (started && line.trim() !== '' && !/^\s/.test(line)) break;
      continue;
    }
    started = true;
    const indent = match[1]!.replace(/\t/g, '    ').length;
    const text = match[2]!.trim();
    const link = LINK.exec(text);
    const item: SummaryItem = link
      ? { title: link[1]!.trim() || undefined, target: link[2], children: [] }
      : /\.md$/i.test(text)
        ? { target: text, children: [] }
        : { title: text.replace(/^\[|\]$/g, ''), children: [] };
    while (stack.length > 1 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack[stack.length - 1]!.item.children.push(item);
    stack.push({ indent, item });
  }
  return root.children;
}
