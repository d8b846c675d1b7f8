import type { RequestHandler } from 'express';
import type { BackendPlugin, ConfigSection, PluginEnvironment } from '@portal/backend-common';
import { createGitHost, createGitReader, gitConfigSections } from '@portal/git';

/** Every plugin's config section, validated together at boot so all problems show at once. */
export const pluginConfigSections: Record<string, ConfigSection> = {
  ...gitConfigSections,
};

export interface CreatedPlugins {
  plugins: BackendPlugin[];
  rawHandlers: Array<{ path: string; handler: RequestHandler }>;
  extraRoutes: Array<{ path: string; handler: RequestHandler }>;
}

/**
 * Creates the backend plugins in dependency order. Each factory receives plain dependencies and
 * runs its own migrations before returning.
 */
export async function createPlugins(env: PluginEnvironment & { cwd: string }): Promise<CreatedPlugins> {
  const gitReader = createGitReader(env, { cwd: env.cwd });
  void gitReader;
  const gitHost = createGitHost({ env });
  return {
    plugins: [gitHost.plugin],
    rawHandlers: [{ path: '/git', handler: gitHost.smartHttp }],
    extraRoutes: [],
  };
}
