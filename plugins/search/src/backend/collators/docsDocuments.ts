import { parseEntityRef, type Entity } from '@portal/catalog-model';
import type { IndexDocument } from '../database/tables.js';
import { ownerRefOf } from './entityDocuments.js';

/** A rendered page as TechDocs stores it: sanitised HTML whose headings carry their anchors. */
export interface RenderedDocsPage {
  path: string;
  title: string;
  html: string;
}

/** What TechDocs tells search when it has rendered an entity's docs. */
export interface RenderedDocsSite {
  entityRef: string;
  siteName: string;
  pages: RenderedDocsPage[];
}

const MAX_SECTION_TEXT = 20_000;
const HEADING = /<h([1-6])\b([^>]*)>([\s\S]*?)<\/h\1>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(parseInt(code.slice(1), 10));
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

export interface DocsSection {
  /** The heading's anchor; undefined for what comes before the first heading with one. */
  anchor?: string;
  heading: string;
  text: string;
}

/** Splits a page at every heading that has an anchor: each section runs to the next such heading. */
export function sectionsOf(page: RenderedDocsPage): DocsSection[] {
  const sections: DocsSection[] = [];
  let current: DocsSection = { heading: page.title, text: '' };
  let from = 0;
  for (const match of page.html.matchAll(HEADING)) {
    const id = /\sid="([^"]+)"/.exec(match[2] ?? '')?.[1];
    if (!id) continue;
    current.text = textOf(page.html.slice(from, match.index));
    if (current.anchor || current.text) sections.push(current);
    // The ¶ permalink markdown-it-anchor adds is no part of the heading's words.
    current = { anchor: id, heading: textOf(match[3] ?? '').replace(/\s*[¶#]$/, ''), text: '' };
    from = match.index + match[0].length;
  }
  current.text = textOf(page.html.slice(from));
  if (current.anchor || current.text) sections.push(current);
  return sections;
}

/** The reader's URL of a page, as TechDocs writes its links: `/docs/<namespace>/<kind>/<name>/<path>`. */
export function docsPageLocation(entityRef: string, path: string, anchor?: string): string {
  const { namespace, kind, name } = parseEntityRef(entityRef);
  const base = `/docs/${[namespace, kind.toLowerCase(), name].map(encodeURIComponent).join('/')}`;
  return `${base}/${path.split('/').map(encodeURIComponent).join('/')}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;
}

/** One document per heading section of every page: found by its heading, opened at its anchor. */
export function documentsOfDocsSite(site: RenderedDocsSite, entity: Entity | undefined): IndexDocument[] {
  const { namespace, kind } = parseEntityRef(site.entityRef);
  const owner = typeof entity?.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const documents: IndexDocument[] = [];
  for (const page of site.pages) {
    for (const section of sectionsOf(page)) {
      const headingIsTitle = section.heading.toLowerCase() === page.title.toLowerCase();
      documents.push({
        id: `techdocs:${site.entityRef}:${page.path}#${section.anchor ?? ''}`,
        type: 'techdocs',
        entityRef: site.entityRef,
        name: '',
        title: section.heading || page.title,
        summary: headingIsTitle ? site.siteName : `${page.title} ${site.siteName}`,
        body: section.text.slice(0, MAX_SECTION_TEXT),
        location: docsPageLocation(site.entityRef, page.path, section.anchor),
        kind: entity?.kind ?? kind,
        owner: ownerRefOf(owner, namespace),
        lifecycle: typeof entity?.spec?.lifecycle === 'string' ? entity.spec.lifecycle : undefined,
        namespace,
        tags: (entity?.metadata.tags ?? []).map(t => t.toLowerCase()),
        extra: { siteName: site.siteName, pageTitle: page.title },
      });
    }
  }
  return documents;
}
