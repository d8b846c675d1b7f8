import { instance, type Viz } from '@viz-js/viz';
import sanitizeHtml from 'sanitize-html';

let viz: Viz | undefined;
let loading: Promise<Viz> | undefined;

/** Loads Graphviz (WebAssembly) once, the first time a page has a diagram. */
export async function loadGraphviz(): Promise<void> {
  if (viz) return;
  loading ??= instance();
  viz = await loading;
}

/** Whether a page's Markdown has a dot or graphviz fence, so Graphviz must be loaded first. */
export function needsGraphviz(markdown: string): boolean {
  return /^[ \t]*(`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(dot|graphviz)\b/im.test(markdown);
}

const SVG_TAGS = [
  'svg',
  'g',
  'path',
  'polygon',
  'polyline',
  'ellipse',
  'circle',
  'rect',
  'line',
  'text',
  'title',
  'defs',
  'lineargradient',
  'radialgradient',
  'stop',
];
const SVG_ATTRIBUTES = [
  'class',
  'width',
  'height',
  'viewbox',
  'viewBox',
  'd',
  'points',
  'cx',
  'cy',
  'rx',
  'ry',
  'r',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'fill-opacity',
  'stroke-opacity',
  'transform',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'offset',
  'stop-color',
  'xmlns',
];

/**
 * A dot source drawn as SVG. A node's `URL`/`href` becomes a link in Graphviz's output; links and
 * anything else that is not a shape or text are removed, since the source is the page author's.
 */
export function drawGraphviz(source: string): { svg?: string; error?: string } {
  if (!viz) return { error: 'Graphviz is not loaded' };
  const result = viz.render(source, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') return { error: result.errors.map(e => e.message).join('; ') || 'the source does not parse' };
  const svg = result.output.replace(/^[\s\S]*?(?=<svg)/, '');
  return {
    svg: sanitizeHtml(svg, {
      allowedTags: SVG_TAGS,
      allowedAttributes: Object.fromEntries(SVG_TAGS.map(tag => [tag, SVG_ATTRIBUTES])),
      parser: { lowerCaseTags: false, lowerCaseAttributeNames: false },
      // Colours may be written as url(#gradient); nothing may point outside the drawing.
      exclusiveFilter: frame => Object.values(frame.attribs).some(value => /url\(\s*['"]?(?!#)/i.test(value) || /javascript:/i.test(value)),
    }),
  };
}
