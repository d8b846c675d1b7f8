import hljs from 'highlight.js/lib/common';
import type MarkdownIt from 'markdown-it';
import { drawGraphviz } from './graphviz.js';
import { renderEnvOf } from './trustedHtml.js';

/** What a fence's info string asks for, in pymdownx.superfences / pymdownx.highlight terms. */
export interface FenceInfo {
  lang?: string;
  classes: string[];
  title?: string;
  hlLines: Set<number>;
  /** The first line's number when lines are numbered. */
  linenums?: number;
}

const INFO_PART = /([\w-]+)=("[^"]*"|'[^']*'|[^\s}]+)|([^\s{}]+)/g;

/**
 * Reads ` ```python title="a.py" hl_lines="1 3-4" linenums="1" `, ` ```title="a.py" ` (no
 * language) and ` ``` { .python .annotate } `, plus whatever attr_list already moved onto the token.
 */
export function parseFenceInfo(info: string, attrs: Array<[string, string]> = []): FenceInfo {
  const result: FenceInfo = { classes: [], hlLines: new Set() };
  const options: Record<string, string> = {};
  let first = true;
  for (const match of info.matchAll(INFO_PART)) {
    if (match[1]) options[match[1]] = match[2]!.replace(/^["']|["']$/g, '');
    else if (match[3]) {
      const word = match[3];
      if (first && !word.startsWith('.') && !word.startsWith('#')) result.lang = word;
      else if (word.startsWith('.')) result.classes.push(word.slice(1));
    }
    first = false;
  }
  for (const [name, value] of attrs) {
    if (name === 'class') result.classes.push(...value.split(/\s+/).filter(Boolean));
    else options[name] = value;
  }
  if (!result.lang && result.classes.length > 0) result.lang = result.classes.shift()!.replace(/^language-/, '');
  result.title = options.title;
  for (const part of (options.hl_lines ?? '').split(/\s+/)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) continue;
    const from = Number(range[1]);
    for (let n = from; n <= Number(range[2] ?? from) && n - from < 10_000; n++) result.hlLines.add(n);
  }
  if (options.linenums !== undefined && /^\d+/.test(options.linenums)) result.linenums = parseInt(options.linenums, 10) || 1;
  return result;
}

export interface CodeBlockOptions {
  /** pymdownx.superfences is on: diagram fences and fence options are read. */
  superfences: boolean;
}

/** Fenced code as pymdownx.highlight writes it, with diagrams for mermaid, dot and PlantUML fences. */
export function codeBlocksPlugin(md: MarkdownIt, options: CodeBlockOptions): void {
  md.renderer.rules.fence = (tokens, idx, _opts, env) => {
    const token = tokens[idx]!;
    const info = options.superfences
      ? parseFenceInfo(token.info, token.attrs ?? [])
      : { classes: [], hlLines: new Set<number>(), lang: token.info.trim().split(/\s+/)[0] };
    const lang = (info.lang ?? '').toLowerCase();
    const { notes, trusted } = renderEnvOf(env);
    // Diagrams are drawn in the browser by mermaid, from the escaped source.
    if (lang === 'mermaid') return `<pre class="mermaid">${md.utils.escapeHtml(token.content)}</pre>\n`;
    if (options.superfences && (lang === 'dot' || lang === 'graphviz')) {
      const drawn = drawGraphviz(token.content);
      if (drawn.svg) return `<div class="graphviz">${trusted.add(drawn.svg)}</div>\n`;
      notes.push(`a Graphviz diagram could not be drawn: ${drawn.error}`);
    }
    if (options.superfences && (lang === 'plantuml' || lang === 'puml')) {
      notes.push('a PlantUML diagram is shown as its source: drawing PlantUML needs Java, which the portal does not run');
      return (
        '<div class="admonition admonition-note"><p class="admonition-title">PlantUML diagram</p>\n' +
        '<p>PlantUML diagrams are not drawn here (they need Java); this is its source.</p>\n' +
        `<pre><code class="language-plantuml">${md.utils.escapeHtml(token.content)}</code></pre></div>\n`
      );
    }
    const annotations = tokens[idx + 1]?.type === 'ordered_list_open' && /\(\d+\)/.test(token.content);
    if (annotations) tokens[idx + 1]!.attrJoin('class', 'code-annotations');
    // highlight.js escapes the code and adds only its own spans, so highlighted code (often most
    // of a page's markup) skips the sanitiser, which would spend most of its time on it.
    const code = trusted.add(renderCode(token.content, lang, info, annotations, md));
    if (!info.title) return `${code}\n`;
    return `<div class="code-block"><div class="code-title">${md.utils.escapeHtml(info.title)}</div>\n${code}\n</div>\n`;
  };
}

function renderCode(content: string, lang: string, info: FenceInfo, annotations: boolean, md: MarkdownIt): string {
  const known = lang !== '' && hljs.getLanguage(lang) !== undefined;
  let html = known ? hljs.highlight(content, { language: lang, ignoreIllegals: true }).value : md.utils.escapeHtml(content);
  // Material's code annotations: a `(1)` in a comment points at item 1 of the list that follows.
  if (annotations && known) {
    html = html.replace(/(<span class="hljs-comment">[^<]*?)\((\d+)\)!?/g, '$1<span class="code-annotation">$2</span>');
  }
  if (info.hlLines.size > 0 || info.linenums !== undefined) {
    const lines = splitLines(html.replace(/\n$/, ''));
    html =
      lines
        .map((line, i) => {
          const n = i + 1;
          const number = info.linenums !== undefined ? `<span class="code-lineno">${info.linenums + i}</span>` : '';
          return `<span class="code-line${info.hlLines.has(n) ? ' hll' : ''}">${number}${line}</span>`;
        })
        .join('\n') + '\n';
  }
  const classes = [known ? 'hljs' : '', lang ? `language-${md.utils.escapeHtml(lang)}` : ''].filter(Boolean).join(' ');
  return `<pre><code${classes ? ` class="${classes}"` : ''}>${html}</code></pre>`;
}

/** Splits highlighted HTML into lines, closing spans at each line end and reopening them after. */
export function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  for (const part of html.split(/(<span[^>]*>|<\/span>|\n)/)) {
    if (part === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else if (part.startsWith('<span')) {
      open.push(part);
      current += part;
    } else if (part === '</span>') {
      open.pop();
      current += part;
    } else current += part;
  }
  lines.push(current + '</span>'.repeat(open.length));
  return lines;
}

/** pymdownx.inlinehilite: `` `#!python len(x)` `` is inline code highlighted as Python. */
export function inlineHighlightPlugin(md: MarkdownIt): void {
  const plain = md.renderer.rules.code_inline!;
  md.renderer.rules.code_inline = (tokens, idx, opts, env, self) => {
    const shebang = /^#!([\w+#.-]+)[ \t]+([\s\S]*)$/.exec(tokens[idx]!.content);
    if (!shebang || !hljs.getLanguage(shebang[1]!)) return plain(tokens, idx, opts, env, self);
    const language = shebang[1]!.toLowerCase();
    const html = hljs.highlight(shebang[2]!, { language, ignoreIllegals: true }).value;
    return renderEnvOf(env).trusted.add(`<code class="hljs language-${md.utils.escapeHtml(language)}">${html}</code>`);
  };
}
