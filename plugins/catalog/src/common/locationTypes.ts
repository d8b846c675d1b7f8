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
  /** When registering added no entities: the location's errors that explain why. */
  errors?: LocationError[];
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
  errorCount: number;
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
  /** Entities to create when there are none: a Component named after the repository. */
  generateEntities: Array<{ entity: Partial<Entity>; fields: Array<{ field: string; state: string; value: string | null; description: string }> }>;
}
