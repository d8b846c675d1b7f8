import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedConfigLines, watchForReady } from '@portal/backend/testing';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifactsDir = path.join(repoRoot, 'e2e/artifacts');

export interface Portal {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built portal on a free port with its own temporary data folder (database and git
 * host), reading app-config.yaml and then `extraConfig` merged over it.
 */
export async function startPortal(extraConfig = '', options: { backendConfig?: string[] } = {}): Promise<Portal> {
  const main = path.join(repoRoot, 'packages/backend/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('The backend is not built: run `npm run build` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
  const configFile = path.join(dataDir, 'app-config.e2e.yaml');
  fs.writeFileSync(configFile, [...isolatedConfigLines(dataDir, { backend: options.backendConfig }), extraConfig].join('\n'));
  const server = watchForReady(
    spawn(process.execPath, [main, '--config', configFile], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const url = await server.ready;
  return {
    url,
    dataDir,
    output: server.output,
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, `${name}.png`);
}
