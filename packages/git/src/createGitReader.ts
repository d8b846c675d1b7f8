import type { PluginEnvironment } from '@portal/backend-common';
import { readGitSettings } from './config.js';
import { GitReader } from './reader/GitReader.js';

/**
 * The reader the backend hands to plugins: integrations and allowed hosts from config, plus the
 * portal's own host, read with the backend's service token.
 */
export function createGitReader(env: Pick<PluginEnvironment, 'config' | 'baseUrl' | 'serviceToken' | 'logger'>, options: { cwd?: string } = {}): GitReader {
  const settings = readGitSettings({ config: env.config, baseUrl: env.baseUrl, serviceToken: env.serviceToken, cwd: options.cwd });
  return new GitReader({
    cacheDir: settings.cacheDirectory,
    integrations: settings.integrations,
    allowedHosts: settings.allowedHosts,
    logger: env.logger,
  });
}
