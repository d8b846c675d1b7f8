export type JsonObject = { [key: string]: unknown };

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface EntityMeta {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  uid?: string;
  etag?: string;
  [key: string]: unknown;
}

/** A relation as it is stored on an entity: the source is the entity itself. */
export interface EntityRelation {
  type: string;
  targetRef: string;
}

export interface EntityStatusItem {
  type: string;
  level: 'error' | 'warning' | 'info';
  message: string;
  error?: { name: string; message: string };
}

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: JsonObject;
  relations?: EntityRelation[];
  status?: { items?: EntityStatusItem[] };
}

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface ValidationProblem {
  file?: string;
  line?: number;
  column?: number;
  entityRef?: string;
  /** Dotted field path such as `spec.owner` or `metadata.links.0.url`; '' for the document itself. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}
