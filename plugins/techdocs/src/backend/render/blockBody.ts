import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

/**
 * The body of an indented block (admonition, tab, details): the lines after `startLine` indented
 * by at least `bodyIndent` columns, blank lines included. Returns the line after its last line.
 */
export function indentedBodyEnd(state: StateBlock, startLine: number, endLine: number, bodyIndent: number): number {
  let lastContent = startLine;
  for (let line = startLine + 1; line < endLine; line++) {
    const blank = state.bMarks[line]! + state.tShift[line]! >= state.eMarks[line]!;
    if (blank) continue;
    if (state.sCount[line]! < bodyIndent) break;
    lastContent = line;
  }
  return lastContent + 1;
}

/** Parses lines [from, to) as Markdown of their own, indented by `indent`, like a list item's content. */
export function tokenizeNested(state: StateBlock, from: number, to: number, indent: number, parentType: string): void {
  const saved = { blkIndent: state.blkIndent, lineMax: state.lineMax, parentType: state.parentType };
  state.blkIndent = indent;
  state.lineMax = to;
  state.parentType = parentType as typeof state.parentType;
  state.md.block.tokenize(state, from, to);
  state.blkIndent = saved.blkIndent;
  state.lineMax = saved.lineMax;
  state.parentType = saved.parentType;
}

/** The text of a line without its indentation. */
export function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}
