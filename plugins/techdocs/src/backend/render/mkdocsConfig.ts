import yaml from 'js-yaml';
import { InputError } from '@portal/backend-common';

/** A nav entry as mkdocs.yml writes it: `page.md`, `{ Title: page.md }`, `{ Title: url }` or `{ Title: [...] }`. */
export type MkdocsNavEntry = string | { [title: string]: string | MkdocsNavEntry[] };

export interface MkdocsConfig {
  siteName?: string;
  /** Folder of the Markdown files, relative to mkdocs.yml; `docs` unless set. */
  docsDir: string;
  nav?: MkdocsNavEntry[];
  /** Where mkdocs.yml asks for things we do not run (hooks, plugins, Python extensions). */
  notes: string[];
}

/**
 * mkdocs.yml often names Python objects (`!!python/name:…`) and environment lookups (`!ENV`).
 * Those values are never evaluated here; they load as inert markers so the keys we do read
 * (site_name, nav, docs_dir) still parse.
 */
const tolerantSchema = yaml.DEFAULT_SCHEMA.extend(
  ['tag:yaml.org,2002:python/', '!'].flatMap(prefix =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      kind => new yaml.Type(prefix, { kind, multi: true, construct: (_data: unknown, tag?: string) => ({ unsupportedTag: tag }) }),
    ),
  ),
);

// Extensions whose effect the renderer gives anyway (tables, fences, admonitions, task lists, anchors).
const BUILT_IN_EXTENSIONS = new Set([
  'admonition',
  'tables',
  'fenced_code',
  'toc',
  'attr_list',
  'def_list',
  'md_in_html',
  'meta',
  'codehilite',
  'pymdownx.superfences',
  'pymdownx.details',
  'pymdownx.tasklist',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
]);

export function parseMkdocsConfig(text: string): MkdocsConfig {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: tolerantSchema, json: true });
  } catch (error) {
    throw new InputError(`mkdocs.yml is not valid YAML: ${(error as Error).message}`);
  }
  if (raw === undefined || raw === null) return { docsDir: 'docs', notes: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new InputError('mkdocs.yml must be a mapping');
  const config = raw as Record<string, unknown>;
  const notes: string[] = [];

  const docsDir = typeof config.docs_dir === 'string' ? config.docs_dir.replace(/^\.\/|\/+$/g, '') || '.' : 'docs';
  if (docsDir.split('/').includes('..') || docsDir.startsWith('/')) {
    throw new InputError('mkdocs.yml: docs_dir must be a folder inside the repository');
  }
  if (config.hooks !== undefined) notes.push('mkdocs.yml: "hooks" are ignored; the portal never runs Python code');
  const plugins = namesOf(config.plugins).filter(name => name !== 'techdocs-core' && name !== 'search');
  if (plugins.length > 0) notes.push(`mkdocs.yml: plugins ${plugins.map(p => `"${p}"`).join(', ')} are ignored`);
  const extensions = namesOf(config.markdown_extensions).filter(name => !BUILT_IN_EXTENSIONS.has(name));
  if (extensions.length > 0) notes.push(`mkdocs.yml: Markdown extensions ${extensions.map(e => `"${e}"`).join(', ')} are ignored`);

  return {
    siteName: typeof config.site_name === 'string' ? config.site_name : undefined,
    docsDir,
    nav: Array.isArray(config.nav) ? config.nav.filter(isNavEntry) : undefined,
    notes,
  };
}

/** `plugins` and `markdown_extensions` are lists of names or of one-key mappings `{ name: options }`. */
function namesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return value && typeof value === 'object' ? Object.keys(value) : [];
  return value.flatMap(item => (typeof item === 'string' ? [item] : item && typeof item === 'object' ? Object.keys(item) : []));
}

function isNavEntry(value: unknown): value is MkdocsNavEntry {
  if (typeof value === 'string') return true;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every(v => typeof v === 'string' || (Array.isArray(v) && v.every(isNavEntry)));
}
