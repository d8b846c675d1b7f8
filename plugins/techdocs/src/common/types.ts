/** One entry of a docs site's navigation: a page, an external link, or a section of entries. */
export interface DocsNavNode {
  title: string;
  /** Page path for pages (the Markdown file inside docs_dir without `.md`), e.g. `guide/setup`. */
  path?: string;
  /** For links to other sites. */
  url?: string;
  children?: DocsNavNode[];
}

/** A heading in a page's table of contents. */
export interface DocsTocEntry {
  id: string;
  title: string;
  level: number;
  children: DocsTocEntry[];
}

/** A link to a neighbouring page, in nav order. */
export interface DocsPageLink {
  path: string;
  title: string;
}

/** `GET /api/techdocs/:namespace/:kind/:name`. */
export interface DocsSiteMetadata {
  entityRef: string;
  /** The entity's owner as an entity ref (`group:default/team-a`), to show notes to the owners. */
  owner?: string;
  siteName: string;
  nav: DocsNavNode[];
  /** Path of the page shown first (index.md or README.md at the root, else the first in nav). */
  homePath: string;
  /** The commit (or, for local folders, content version) these docs were rendered from. */
  commit: string;
  builtAt: string;
  /** True while a newer commit is being rendered; the docs served are the previous version. */
  newerVersionAvailable: boolean;
  /** What was not rendered as MkDocs would (plugins, hooks, extensions, syntax) and broken links. */
  notes: string[];
}

/** `GET /api/techdocs/:namespace/:kind/:name/page/*`. */
export interface DocsPage {
  path: string;
  title: string;
  /** Sanitised HTML; links already point at reader routes and images at the assets API. */
  html: string;
  toc: DocsTocEntry[];
  commit: string;
  /** The file's URL in its repository, when the docs come from one. */
  editUrl?: string;
  prev?: DocsPageLink;
  next?: DocsPageLink;
  newerVersionAvailable: boolean;
}

/** `GET /api/techdocs/:namespace/:kind/:name/search?q=`. */
export interface DocsSearchResult {
  path: string;
  title: string;
  /** Plain text around the first match. */
  excerpt: string;
}

/** An entity that has docs, for the `/docs` list. */
export interface DocsEntitySummary {
  entityRef: string;
  namespace: string;
  kind: string;
  name: string;
  title: string;
  description?: string;
  owner?: string;
}
