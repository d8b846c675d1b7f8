import type { RequestHandler } from 'express';
import type { BackendPlugin, ConfigSection, PluginEnvironment } from '@portal/backend-common';

/** Every plugin's config section, validated together at boot so all problems show at once. */
export const pluginConfigSections: Record<string, ConfigSection> = {};

export interface CreatedPlugins {
  plugins: BackendPlugin[];
  rawHandlers: Array<{ path: string; handler: RequestHandler }>;
  extraRoutes: Array<{ path: string; handler: RequestHandler }>;
}

/**
 * Creates the backend plugins in dependency order. Each factory receives plain dependencies and
 * runs its own migrations before returning.
 */
export async function createPlugins(_env: PluginEnvironment & { cwd: string }): Promise<CreatedPlugins> {
  return { plugins: [], rawHandlers: [], extraRoutes: [] };
}
