import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SpawnedBackend {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** Resolves with the base URL once the server says it is ready. */
  ready: Promise<string>;
}

/** Writes a config file into a fresh temporary folder that also holds the server's data. */
export function makeTempConfig(yamlText: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  const file = path.join(dir, 'app-config.test.yaml');
  fs.writeFileSync(file, yamlText);
  return { dir, file };
}

/**
 * Config lines for a server of its own: a free loopback port, and its database and git folders
 * under `dir`. `backend` lines go inside the backend section (such as auth.externalAccess).
 */
export function isolatedConfigLines(dir: string, options: { backend?: string[] } = {}): string[] {
  return [
    'backend:',
    '  listen: { port: 0, host: 127.0.0.1 }',
    ...(options.backend ?? []).map(line => `  ${line}`),
    'database:',
    '  client: pglite',
    `  directory: ${JSON.stringify(path.join(dir, 'db'))}`,
    'git:',
    `  directory: ${JSON.stringify(path.join(dir, 'git'))}`,
    `  cacheDirectory: ${JSON.stringify(path.join(dir, 'git-cache'))}`,
  ];
}

/** Follows a server process's output until it says "Portal ready at <url>". */
export function watchForReady(child: ChildProcess): SpawnedBackend {
  let output = '';
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Portal ready at (https?:\/\/[^\s"]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(code => reject(new Error(`The portal exited with ${code} before it was ready:\n${output}`)));
  });
  ready.catch(() => {});
  return { child, output: () => output, exited, ready };
}

/**
 * Runs the backend from its TypeScript sources as a real child process (no build needed), in the
 * repository root so it reads app-config.yaml first, with the given extra config files.
 */
export function spawnBackend(args: string[], env: Record<string, string> = {}): SpawnedBackend {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(repoRoot, 'packages/backend/src/main.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchForReady(child);
}

/**
 * Finds Chromium: CHROMIUM_PATH, then Debian's /usr/bin/chromium. Under CI=true a missing browser
 * is a failure; elsewhere the end-to-end tests are skipped with a loud message.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find(p => fs.existsSync(p));
  if (!found) {
    const message = `No Chromium found (looked at ${candidates.join(', ')}). Install Debian's chromium or set CHROMIUM_PATH.`;
    if (process.env.CI === 'true') throw new Error(`${message} CI=true, so the end-to-end tests fail.`);
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPING END-TO-END TESTS: ${message}\n${'!'.repeat(78)}\n`);
  }
  return found;
}

/** Launches headless Chromium from `executablePath` (see findChromium). */
export async function launchChromium(executablePath: string | undefined): Promise<Browser> {
  // Loaded on first use, so server tests that only spawn backends never load Playwright.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
