export const CATALOG_PLUGIN_ID = 'catalog';
export type {
  AddLocationResponse,
  CatalogLocation,
  LocationError,
  LocationFileReport,
  LocationStatus,
  LocationSummariesResponse,
  LocationSummary,
} from './locationTypes.js';
export { CatalogApiClient, filterParams } from './CatalogApiClient.js';
export type { FetchJson } from './CatalogApiClient.js';
export { addLocationBody, refreshBody } from './requestSchemas.js';
export type { AddLocationRequest, RefreshEntityRequest } from './requestSchemas.js';
export type { AncestryResponse, EntityQueryRequest, FacetsResponse, QueryEntitiesResponse, ValidateEntityResponse } from './queryTypes.js';
