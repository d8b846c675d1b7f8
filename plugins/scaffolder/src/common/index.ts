export const SCAFFOLDER_PLUGIN_ID = 'scaffolder';
