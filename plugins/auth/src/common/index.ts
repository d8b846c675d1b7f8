export const AUTH_PLUGIN_ID = "auth";
