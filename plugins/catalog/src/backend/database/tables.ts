// Row types of the catalog's tables. Every table is prefixed `catalog_`; migrations live in
// ../migrations/, one file per step, and run into `catalog_migrations`.

export const TABLES = {
  locations: 'catalog_locations',
  locationFiles: 'catalog_location_files',
  entities: 'catalog_entities',
  relations: 'catalog_relations',
  errors: 'catalog_errors',
} as const;

export type LocationType = 'url' | 'file';
/** Who registered the location: config, the API, or a Location entity in another location. */
export type LocationOrigin = 'config' | 'api' | 'entity';

export interface DbLocationRow {
  id: string;
  type: LocationType;
  target: string;
  origin: LocationOrigin;
  parent_id: string | null;
  /** Normalised clone URL of url locations, for matching push events; null for files. */
  repo_url: string | null;
  /**
   * Kinds this location may add besides the global rules: from its `rules` in config, or given
   * in-process to a trusted location (the seeded examples). Never set through the API.
   */
  allow_kinds: string[] | null;
  /** The kinds its files were last read with (KindRules.fingerprint); null before the first read. */
  kind_rules: string | null;
  created_at: Date;
  next_refresh_at: Date;
  locked_until: Date | null;
  locked_by: string | null;
  /** Set when the next refresh must re-read every file, such as after a conflict was freed. */
  force_full: boolean;
  last_commit: string | null;
  last_refresh_at: Date | null;
  last_duration_ms: number | null;
  entity_count: number;
  /** The user who registered it through the API (a user entity ref); null otherwise. */
  registered_by: string | null;
}

/**
 * A target a Location entity declares, resolved against the file that declares it. Targets inside
 * the location carry the ref of the Location entity generated for them (the parent of the
 * entities read through them); rows stored before there was one lack it.
 */
export type TargetDecl =
  | { kind: 'path'; path: string; optional: boolean; entityRef?: string }
  | { kind: 'glob'; pattern: string; optional: boolean; entityRef?: string }
  | { kind: 'external'; type: LocationType; target: string };

export interface DbLocationFileRow {
  location_id: string;
  path: string;
  /** Content hash of the file as last processed. */
  hash: string;
  /** Files with problems are re-processed on a full refresh even when their hash is unchanged. */
  has_errors: boolean;
  targets: TargetDecl[] | null;
}

export interface DbEntityRow {
  entity_ref: string;
  uid: string;
  kind: string;
  namespace: string;
  name: string;
  /** The entity as read, with the location annotations filled in; no relations or status. */
  entity: object;
  /** null once its location is unregistered and the orphan strategy keeps it. */
  location_id: string | null;
  file: string;
  commit: string | null;
  /** Hash of `entity`; also served as `metadata.etag`. */
  hash: string;
  orphan: boolean;
  refreshed_at: Date;
}

export interface DbRelationRow {
  /** The entity whose processing produced the relation; replaced with it. */
  originating_ref: string;
  source_ref: string;
  type: string;
  target_ref: string;
}

export type ErrorType = 'location' | 'read' | 'parse' | 'validation' | 'rule' | 'conflict';

/** A problem found in a file of a location ('' for the location itself), as it is stored. */
export interface FileProblem {
  file: string;
  line?: number;
  entityRef?: string;
  type: ErrorType;
  message: string;
}

export interface DbErrorRow {
  id?: number;
  location_id: string;
  /** '' for problems of the location as a whole, such as an unreachable repository. */
  file: string;
  line: number | null;
  entity_ref: string | null;
  type: ErrorType;
  message: string;
  created_at?: Date;
}
