export const TECHDOCS_PLUGIN_ID = 'techdocs';
