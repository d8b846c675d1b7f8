import fs from 'node:fs';
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import { renderEnvOf } from './trustedHtml.js';

interface IconSet {
  width?: number;
  height?: number;
  icons: Record<string, { body: string; width?: number; height?: number }>;
  aliases?: Record<string, { parent: string }>;
}

// Material for MkDocs' shortcode prefixes and the icon packages that hold the same icons.
const SETS: Array<{ prefix: string; pkg: string }> = [
  { prefix: 'material-', pkg: '@iconify-json/mdi' },
  { prefix: 'octicons-', pkg: '@iconify-json/octicon' },
  { prefix: 'fontawesome-brands-', pkg: '@iconify-json/fa6-brands' },
  { prefix: 'fontawesome-solid-', pkg: '@iconify-json/fa6-solid' },
  { prefix: 'fontawesome-regular-', pkg: '@iconify-json/fa6-regular' },
];

const require = createRequire(import.meta.url);

interface LoadedSet {
  text: string;
  /** Where the `icons` and `aliases` objects start in the text, -1 when absent. */
  icons: number;
  aliases: number;
  width?: number;
  height?: number;
  /** The whole set, parsed, when the file is not laid out as the icon packages publish it. */
  parsed?: IconSet;
}

// A set is read the first time a page uses one of its icons, and not parsed: the largest set
// (3 MB of JSON) takes longer to parse than a whole site takes to render. The packages publish
// their JSON one entry a line, tab-indented, so an icon is found by its key; a file in any other
// layout is parsed whole instead.
const loaded = new Map<string, LoadedSet>();

function iconSet(pkg: string): LoadedSet {
  let set = loaded.get(pkg);
  if (!set) {
    const text = fs.readFileSync(require.resolve(`${pkg}/icons.json`), 'utf8');
    const icons = text.indexOf('\n\t"icons": {');
    const size = (name: string) => Number(new RegExp(`\\n\\t"${name}": (\\d+)`).exec(text)?.[1]) || undefined;
    set =
      icons < 0
        ? { text: '', icons: -1, aliases: -1, parsed: JSON.parse(text) as IconSet }
        : { text, icons, aliases: text.indexOf('\n\t"aliases": {'), width: size('width'), height: size('height') };
    loaded.set(pkg, set);
  }
  return set;
}

type IconEntry = { body?: string; width?: number; height?: number; parent?: string };

function entryOf(set: LoadedSet, name: string): IconEntry | undefined {
  if (set.parsed) return set.parsed.icons[name] ?? set.parsed.aliases?.[name];
  const key = `\n\t\t${JSON.stringify(name)}: {`;
  const at = set.text.indexOf(key, set.icons);
  if (at < 0) return undefined;
  const end = set.text.indexOf('\n\t\t}', at);
  return JSON.parse(set.text.slice(at + key.length - 1, end + 4)) as IconEntry;
}

/** The inline SVG for a Material shortcode name (`material-home`, `octicons-alert-16`), if it names an icon. */
export function iconSvg(shortcode: string): string | undefined | null {
  if (drawn.has(shortcode)) return drawn.get(shortcode);
  const svg = findIcon(shortcode);
  if (drawn.size < 5000) drawn.set(shortcode, svg);
  return svg;
}

// Sites use a few icons many times over.
const drawn = new Map<string, string | undefined | null>();

function findIcon(shortcode: string): string | undefined | null {
  const source = SETS.find(s => shortcode.startsWith(s.prefix));
  if (!source) return null;
  const set = iconSet(source.pkg);
  let entry = entryOf(set, shortcode.slice(source.prefix.length));
  for (let hops = 0; entry?.parent !== undefined && hops < 5; hops++) entry = entryOf(set, entry.parent);
  if (!entry?.body) return undefined;
  const width = entry.width ?? set.width ?? set.parsed?.width ?? 16;
  const height = entry.height ?? set.height ?? set.parsed?.height ?? 16;
  return `<svg class="docs-icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="1.2em" height="1.2em" aria-hidden="true" focusable="false">${entry.body}</svg>`;
}

/**
 * `:material-check:`, `:octicons-alert-16:`, `:fontawesome-brands-github:` as inline SVG, as
 * Material for MkDocs' emoji extension writes them. Runs before the emoji plugin, which keeps
 * `:smile:` and friends.
 */
export function iconsPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'icon_shortcode', (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x3a /* : */) return false;
    const match = /^:((?:material|octicons|fontawesome|simple)-[a-z0-9-]+):/.exec(state.src.slice(state.pos, state.pos + 80));
    if (!match) return false;
    const svg = iconSvg(match[1]!);
    if (!silent) {
      const env = renderEnvOf(state.env);
      if (svg) state.push('docs_trusted', '', 0).content = env.trusted.add(svg);
      else {
        env.notes.push(`icon ":${match[1]}:" is not one the portal has; it is shown as text`);
        state.push('text', '', 0).content = match[0];
      }
    }
    state.pos += match[0].length;
    return true;
  });
}
