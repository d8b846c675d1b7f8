export const CATALOG_PLUGIN_ID = 'catalog';
export type { AddLocationResponse, CatalogLocation, LocationError, LocationStatus } from './locationTypes.js';
