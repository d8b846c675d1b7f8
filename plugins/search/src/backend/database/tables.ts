import type { SearchDocumentType } from '../../common/types.js';

export const SEARCH_DOCUMENTS = 'search_documents';

/** A document to index, before the database adds its vector and keywords. */
export interface IndexDocument {
  /** Stable across re-indexing, such as `techdocs:component:default/payments-service:guide#setup`. */
  id: string;
  type: SearchDocumentType;
  /** The entity whose `catalog.entity.read` governs the document; its removal removes the document. */
  entityRef: string;
  /** The entity's name (exact matches rank first); '' for docs sections. */
  name: string;
  /** Weight A. */
  title: string;
  /** Weight B: description, tags, headings. */
  summary: string;
  /** Weight C: the rest. */
  body: string;
  location: string;
  kind?: string;
  specType?: string;
  owner?: string;
  lifecycle?: string;
  namespace?: string;
  tags?: string[];
  extra?: Record<string, string>;
}

export interface DbSearchDocumentRow {
  id: string;
  type: SearchDocumentType;
  entity_ref: string;
  name: string;
  title: string;
  summary: string;
  body: string;
  location: string;
  kind: string | null;
  spec_type: string | null;
  owner: string | null;
  lifecycle: string | null;
  namespace: string | null;
  tags: string[];
  extra: Record<string, string>;
}

export function toRow(doc: IndexDocument): Omit<DbSearchDocumentRow, 'extra'> & { extra: string } {
  return {
    id: doc.id,
    type: doc.type,
    entity_ref: doc.entityRef,
    name: doc.name,
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    location: doc.location,
    kind: doc.kind ?? null,
    spec_type: doc.specType ?? null,
    owner: doc.owner ?? null,
    lifecycle: doc.lifecycle ?? null,
    namespace: doc.namespace ?? null,
    tags: doc.tags ?? [],
    extra: JSON.stringify(doc.extra ?? {}),
  };
}
