import type { SlugOptions } from './slugify.js';

/** What Backstage's `techdocs-core` plugin turns on (mkdocs-techdocs-core's list of extensions). */
export const TECHDOCS_CORE_EXTENSIONS = [
  'abbr',
  'admonition',
  'attr_list',
  'def_list',
  'footnotes',
  'md_in_html',
  'tables',
  'fenced_code',
  'toc',
  'pymdownx.caret',
  'pymdownx.critic',
  'pymdownx.details',
  'pymdownx.emoji',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
  'pymdownx.keys',
  'pymdownx.magiclink',
  'pymdownx.mark',
  'pymdownx.smartsymbols',
  'pymdownx.snippets',
  'pymdownx.superfences',
  'pymdownx.tabbed',
  'pymdownx.tasklist',
  'pymdownx.tilde',
  'plantuml_markdown',
] as const;

// Supported by name only: off unless mkdocs.yml lists them, or already what markdown-it does.
const OTHER_EXTENSIONS = [
  'meta',
  'codehilite',
  'sane_lists',
  'mdx_truly_sane_lists',
  'extra',
  'pymdownx.extra',
  'pymdownx.betterem',
  'pymdownx.arithmatex',
] as const;

/** A Markdown extension the renderer can apply, by its Python-Markdown / pymdownx name. */
export type ExtensionName = (typeof TECHDOCS_CORE_EXTENSIONS)[number] | (typeof OTHER_EXTENSIONS)[number];

const SUPPORTED = new Set<string>([...TECHDOCS_CORE_EXTENSIONS, ...OTHER_EXTENSIONS]);

/** What the portal renders for every site, as it always has: GitHub tables, fences, admonitions, anchors. */
const ALWAYS_ON: ExtensionName[] = ['tables', 'fenced_code', 'toc', 'admonition', 'pymdownx.tasklist', 'pymdownx.superfences', 'pymdownx.highlight', 'meta'];

// `extra` is a bundle of extensions.
const BUNDLES: Partial<Record<ExtensionName, ExtensionName[]>> = {
  extra: ['abbr', 'attr_list', 'def_list', 'fenced_code', 'footnotes', 'md_in_html', 'tables'],
  'pymdownx.extra': ['abbr', 'attr_list', 'def_list', 'footnotes', 'md_in_html', 'tables', 'pymdownx.superfences'],
};

/** Which Markdown a site is written in, from its mkdocs.yml. */
export interface MarkdownFeatures {
  extensions: ReadonlySet<ExtensionName>;
  toc: SlugOptions & {
    /** The permalink symbol after each heading, or false for none. */
    permalink: string | false;
  };
  /** Material's `content.tabs.link`: tabs with the same label switch together across the page. */
  linkedTabs: boolean;
  /** MkDocs' `use_directory_urls`: raw HTML links are relative to `page/`, not `page.md`. */
  useDirectoryUrls: boolean;
  /** pymdownx.snippets `base_path`, relative to the folder of mkdocs.yml. */
  snippetBasePaths: string[];
}

export const DEFAULT_FEATURES: MarkdownFeatures = {
  extensions: new Set([...ALWAYS_ON, ...TECHDOCS_CORE_EXTENSIONS]),
  toc: { style: 'default', separator: '-', permalink: '¶' },
  linkedTabs: false,
  useDirectoryUrls: true,
  snippetBasePaths: ['.'],
};

/** `markdown.extensions.toc` and `toc` are the same extension. */
export function canonicalExtensionName(name: string): string {
  return name.replace(/^markdown\.extensions\./, '');
}

export function isSupportedExtension(name: string): name is ExtensionName {
  return SUPPORTED.has(name);
}

export interface FeatureInput {
  techdocsCore: boolean;
  /** `markdown_extensions`, as name → options. */
  extensions: Map<string, Record<string, unknown>>;
  useDirectoryUrls?: boolean;
  linkedTabs?: boolean;
}

/** Builds the feature set: always-on extensions, techdocs-core's when asked for, and those listed. */
export function featuresFrom(input: FeatureInput): MarkdownFeatures {
  const enabled = new Set<ExtensionName>(ALWAYS_ON);
  if (input.techdocsCore) for (const name of TECHDOCS_CORE_EXTENSIONS) enabled.add(name);
  for (const name of input.extensions.keys()) {
    if (!isSupportedExtension(name)) continue;
    enabled.add(name);
    for (const part of BUNDLES[name] ?? []) enabled.add(part);
  }
  const toc = input.extensions.get('toc') ?? {};
  const snippets = input.extensions.get('pymdownx.snippets') ?? {};
  const basePath = snippets.base_path;
  return {
    extensions: enabled,
    toc: {
      style: slugStyleOf(toc.slugify),
      separator: typeof toc.separator === 'string' ? toc.separator : '-',
      permalink: toc.permalink === false ? false : typeof toc.permalink === 'string' ? toc.permalink : '¶',
    },
    linkedTabs: input.linkedTabs ?? false,
    useDirectoryUrls: input.useDirectoryUrls ?? true,
    snippetBasePaths: typeof basePath === 'string' ? [basePath] : Array.isArray(basePath) ? basePath.filter(p => typeof p === 'string') : ['.'],
  };
}

/** `toc.slugify` is a Python object; its name (and, for `slugify(case=…)`, its arguments) is all we read. */
function slugStyleOf(value: unknown): SlugOptions['style'] {
  if (!value || typeof value !== 'object' || !('unsupportedTag' in value)) return 'default';
  const { unsupportedTag, data } = value as { unsupportedTag?: string; data?: unknown };
  const name = String(unsupportedTag ?? '');
  if (/uslugify_cased|uslugify_cased_encoded/.test(name)) return 'unicode-cased';
  if (/uslugify/.test(name)) return 'unicode';
  if (/pymdownx\.slugs\.gfm/.test(name)) return 'gfm';
  if (/pymdownx\.slugs\.slugify/.test(name)) {
    const kwds = (data as { kwds?: { case?: string } } | undefined)?.kwds;
    return kwds?.case === 'lower' || kwds?.case === 'lower-ascii' ? 'unicode' : 'unicode-cased';
  }
  return 'default';
}

/** A stable key for caching one renderer per distinct feature set. */
export function featuresKey(features: MarkdownFeatures): string {
  return JSON.stringify({ ...features, extensions: [...features.extensions].sort() });
}
