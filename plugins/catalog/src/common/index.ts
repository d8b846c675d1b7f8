export const CATALOG_PLUGIN_ID = 'catalog';
