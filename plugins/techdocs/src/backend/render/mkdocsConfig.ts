import yaml from 'js-yaml';
import { InputError } from '@portal/backend-common';
import { canonicalExtensionName, featuresFrom, isSupportedExtension, type MarkdownFeatures } from './markdownFeatures.js';

/**
 * A nav entry as mkdocs.yml writes it: `page.md`, `{ Title: page.md }`, `{ Title: url }`,
 * `{ Title: folder/ }` (literate-nav), `{ Title: '!include ./sub/mkdocs.yml' }` (monorepo) or
 * `{ Title: [...] }`.
 */
export type MkdocsNavEntry = string | { [title: string]: string | MkdocsNavEntry[] };

export interface MkdocsConfig {
  siteName?: string;
  /** Folder of the Markdown files, relative to mkdocs.yml; `docs` unless set. */
  docsDir: string;
  nav?: MkdocsNavEntry[];
  /** The Markdown the site is written in. */
  features: MarkdownFeatures;
  /** Plugins that change how the nav is read. */
  literateNav?: { navFile: string };
  /** MkDocs' `not_in_nav`: gitignore-style patterns of pages left out of the nav on purpose. */
  notInNav: string[];
  /** Where mkdocs.yml asks for things we do not run (hooks, plugins, Python extensions). */
  notes: string[];
}

/**
 * mkdocs.yml often names Python objects (`!!python/name:…`) and environment lookups (`!ENV`).
 * Those values are never evaluated here; they load as inert markers (with their data, so a
 * monorepo's `!include path` and a slugify's arguments can still be read).
 */
const tolerantSchema = yaml.DEFAULT_SCHEMA.extend(
  ['tag:yaml.org,2002:python/', '!'].flatMap(prefix =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      kind => new yaml.Type(prefix, { kind, multi: true, construct: (data: unknown, tag?: string) => ({ unsupportedTag: tag, data }) }),
    ),
  ),
);

// Plugins whose effect the portal gives: techdocs-core's Markdown, search, the monorepo's
// `!include`, literate-nav's SUMMARY.md, and plugins that only change the look or the build.
const SUPPORTED_PLUGINS = new Set(['techdocs-core', 'search', 'monorepo', 'literate-nav', 'section-index', 'awesome-pages']);

export function parseMkdocsConfig(text: string): MkdocsConfig {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: tolerantSchema, json: true });
  } catch (error) {
    throw new InputError(`mkdocs.yml is not valid YAML: ${(error as Error).message}`);
  }
  if (raw === undefined || raw === null)
    return { docsDir: 'docs', features: featuresFrom({ techdocsCore: false, extensions: new Map() }), notInNav: [], notes: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('mkdocs.yml must be a mapping');
  const config = raw as Record<string, unknown>;
  const notes: string[] = [];

  const docsDir = typeof config.docs_dir === 'string' ? config.docs_dir.replace(/^\.\/|\/+$/g, '') || '.' : 'docs';
  if (docsDir.split('/').includes('..') || docsDir.startsWith('/')) {
    throw new InputError('mkdocs.yml: docs_dir must be a folder inside the repository');
  }
  if (config.hooks !== undefined) notes.push('mkdocs.yml: "hooks" are ignored; the portal never runs Python code');
  const plugins = entriesOf(config.plugins);
  const ignoredPlugins = [...plugins.keys()].filter(name => !SUPPORTED_PLUGINS.has(name));
  if (ignoredPlugins.length > 0) notes.push(`mkdocs.yml: plugins ${ignoredPlugins.map(p => `"${p}"`).join(', ')} are ignored`);
  const extensions = new Map([...entriesOf(config.markdown_extensions)].map(([name, options]) => [canonicalExtensionName(name), options]));
  const ignoredExtensions = [...extensions.keys()].filter(name => !isSupportedExtension(name));
  if (ignoredExtensions.length > 0) notes.push(`mkdocs.yml: Markdown extensions ${ignoredExtensions.map(e => `"${e}"`).join(', ')} are ignored`);

  const theme = config.theme && typeof config.theme === 'object' ? (config.theme as Record<string, unknown>) : {};
  const themeFeatures = Array.isArray(theme.features) ? theme.features : [];
  const literate = plugins.get('literate-nav');
  return {
    siteName: typeof config.site_name === 'string' ? config.site_name : undefined,
    docsDir,
    nav: Array.isArray(config.nav) ? config.nav.map(navEntryOf).filter((e): e is MkdocsNavEntry => e !== undefined) : undefined,
    features: featuresFrom({
      techdocsCore: plugins.has('techdocs-core'),
      extensions,
      useDirectoryUrls: config.use_directory_urls !== false,
      linkedTabs: themeFeatures.includes('content.tabs.link'),
    }),
    literateNav: literate ? { navFile: typeof literate.nav_file === 'string' ? literate.nav_file : 'SUMMARY.md' } : undefined,
    notInNav:
      typeof config.not_in_nav === 'string'
        ? config.not_in_nav
            .split('\n')
            .map(l => l.trim())
            .filter(l => l && !l.startsWith('#'))
        : [],
    notes,
  };
}

/** `plugins` and `markdown_extensions` are lists of names or of one-key mappings `{ name: options }`, or one mapping. */
function entriesOf(value: unknown): Map<string, Record<string, unknown>> {
  const options = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  if (!Array.isArray(value)) return new Map(value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => [k, options(v)]) : []);
  return new Map(
    value.flatMap((item): Array<[string, Record<string, unknown>]> =>
      typeof item === 'string' ? [[item, {}]] : item && typeof item === 'object' ? Object.entries(item).map(([k, v]) => [k, options(v)]) : [],
    ),
  );
}

/** A nav entry, with a monorepo `!include` (a YAML tag) turned into the string form `!include path`. */
function navEntryOf(value: unknown): MkdocsNavEntry | undefined {
  if (typeof value === 'string') return value;
  const include = includeOf(value);
  if (include) return include;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [title, target] = entries[0]!;
  if (typeof target === 'string') return { [title]: target };
  const included = includeOf(target);
  if (included) return { [title]: included };
  if (Array.isArray(target)) return { [title]: target.map(navEntryOf).filter((e): e is MkdocsNavEntry => e !== undefined) };
  return undefined;
}

function includeOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || !('unsupportedTag' in value)) return undefined;
  const { unsupportedTag, data } = value as { unsupportedTag?: string; data?: unknown };
  return unsupportedTag === '!include' && typeof data === 'string' ? `!include ${data}` : undefined;
}
