import type { Entity } from '@portal/catalog-model';

/** A registered location, as the catalog API returns it. */
export interface CatalogLocation {
  id: string;
  type: 'url' | 'file';
  target: string;
  /** The Location entity generated for it, `location:default/generated-<sha1 of type:target>`. */
  entityRef: string;
}

export interface AddLocationResponse {
  location: CatalogLocation;
  /** The entities of the registered file (dry run: every entity the location would add). */
  entities: Entity[];
  /** Dry run only: whether the location is registered already. */
  exists?: boolean;
  /**
   * Dry run: every problem found, by file (portal field). Registering: when it added no entities,
   * the location's errors that explain why.
   */
  errors?: LocationError[];
  /** Dry run only (portal field): each file read, with what it would add and what is wrong with it. */
  files?: LocationFileReport[];
}

/** One file a dry run read: what it would add and every problem with it, in file and line order. */
export interface LocationFileReport {
  /** Its path in the repository (or on the server's disk). */
  path: string;
  /** Where a person can open it, when the location is a URL. */
  url: string | null;
  /** The refs of the entities it would add, the catalog's generated Location entities left out. */
  entityRefs: string[];
  errors: LocationError[];
}

export interface LocationError {
  file: string;
  line: number | null;
  entityRef: string | null;
  type: 'location' | 'read' | 'parse' | 'validation' | 'rule' | 'conflict';
  message: string;
}

/** `GET /api/catalog/locations/:id/status`: how the location's last refresh went. */
export interface LocationStatus extends CatalogLocation {
  lastCommit: string | null;
  lastRefreshAt: string | null;
  lastDurationMs: number | null;
  nextRefreshAt: string;
  refreshing: boolean;
  entityCount: number;
  /** Files the location's last refresh read (portal field). */
  fileCount: number;
  errorCount: number;
  /**
   * While `refreshing`, what the refresh has read so far, when this server runs it (portal
   * field): it writes in one transaction, so entityCount changes only once it ends.
   */
  progress?: { filesRead: number; entitiesRead: number; errors: number } | null;
  /** The first 1,000 errors, by file and line. */
  errors: LocationError[];
}

/** `POST /api/catalog/locations/by-query`: a page of locations, as Backstage's `queryLocations` answers. */
export interface QueryLocationsResponse {
  items: CatalogLocation[];
  totalItems: number;
  pageInfo: { nextCursor?: string };
}

/** `POST /api/catalog/analyze-location`, in Backstage's shape. */
export interface AnalyzeLocationResponse {
  /** Catalog files found at the target, one item per entity, as a dry run reads them. */
  existingEntityFiles: Array<{ location: { type: string; target: string }; isRegistered: boolean; entity: Entity }>;
  /** Portal field: each file the dry run read, with its problems (see LocationFileReport). */
  files?: LocationFileReport[];
  /** Entities to create when there are none: a Component named after the repository. */
  generateEntities: Array<{ entity: Partial<Entity>; fields: Array<{ field: string; state: string; value: string | null; description: string }> }>;
}

/** A registered location as the Locations page lists it (`GET /location-summaries`, portal route). */
export interface LocationSummary extends CatalogLocation {
  /** Where it was registered: `config` (catalog.locations), `api` (the app, the API, a template), or `entity` (named by a Location entity of another location). */
  origin: 'config' | 'api' | 'entity';
  lastCommit: string | null;
  lastRefreshAt: string | null;
  refreshing: boolean;
  entityCount: number;
  errorCount: number;
  /** Files with at least one error. */
  filesWithErrors: number;
  /** Whether the caller may unregister it (and so refresh it, as its owner or an admin). */
  canUnregister: boolean;
}

export interface LocationSummariesResponse {
  items: LocationSummary[];
  totalItems: number;
  /** Whether the caller sees every location (admins, tokens) or only those of entities they own. */
  scope: 'all' | 'owned';
}
