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
// A set is read the first time a page uses one of its icons: most sites use none, and the
// largest set takes longer to parse than a whole page takes to render.
const loaded = new Map<string, IconSet>();

function iconSet(pkg: string): IconSet {
  let set = loaded.get(pkg);
  if (!set) {
    set = JSON.parse(fs.readFileSync(require.resolve(`${pkg}/icons.json`), 'utf8')) as IconSet;
    loaded.set(pkg, set);
  }
  return set;
}

/** The inline SVG for a Material shortcode name (`material-home`, `octicons-alert-16`), if it names an icon. */
export function iconSvg(shortcode: string): string | undefined | null {
  const source = SETS.find(s => shortcode.startsWith(s.prefix));
  if (!source) return null;
  const set = iconSet(source.pkg);
  let name = shortcode.slice(source.prefix.length);
  for (let hops = 0; !set.icons[name] && set.aliases?.[name] && hops < 5; hops++) name = set.aliases[name]!.parent;
  const icon = set.icons[name];
  if (!icon) return undefined;
  const width = icon.width ?? set.width ?? 16;
  const height = icon.height ?? set.height ?? 16;
  return `<svg class="docs-icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="1.2em" height="1.2em" aria-hidden="true" focusable="false">${icon.body}</svg>`;
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
