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
