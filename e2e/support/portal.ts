import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  fs.writeFileSync(
    configFile,
    [
      'backend:',
      '  listen: { port: 0, host: 127.0.0.1 }',
      // More of the `backend` section (such as auth.externalAccess), indented under it.
      ...(options.backendConfig ?? []).map(line => `  ${line}`),
      'database:',
      '  client: pglite',
      `  directory: ${JSON.stringify(path.join(dataDir, 'db'))}`,
      'git:',
      `  directory: ${JSON.stringify(path.join(dataDir, 'git'))}`,
      `  cacheDirectory: ${JSON.stringify(path.join(dataDir, 'git-cache'))}`,
      extraConfig,
    ].join('\n'),
  );
  const child: ChildProcess = spawn(process.execPath, [main, '--config', configFile], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>(resolve => child.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Portal ready at (https?:\/\/[^\s"]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(code => reject(new Error(`The portal exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, `${name}.png`);
}
