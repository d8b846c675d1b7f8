import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { startBackend, type RunningBackend } from './startBackend.js';
import { isolatedConfigLines, makeTempConfig } from './testing.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'webhook-test-secret';

describe('the catalog push webhook in the whole server', () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    const { dir, file } = makeTempConfig('');
    fs.writeFileSync(file, [...isolatedConfigLines(dir), 'examples: { seed: false }', `catalog: { webhooks: { secret: ${SECRET} } }`].join('\n'));
    backend = await startBackend({
      argv: ['--config', file],
      cwd: repoRoot,
      env: { ...process.env, PORT: '' },
      logger: createLogger({ level: 'silent' }),
      appDistDir: path.join(dir, 'no-app'),
    });
  });
  afterAll(async () => backend?.shutdown());

  const push = (body: string, signature?: string) =>
    fetch(`${backend.url}/api/catalog/webhooks/git`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        ...(signature ? { 'x-hub-signature-256': signature } : {}),
      },
      body,
    });

  it('takes a signed push without credentials, its signature checked over the bytes as sent', async () => {
    // Indented on purpose: a body parsed and serialised again before the check would not match.
    const body = JSON.stringify({ ref: 'refs/heads/main', repository: { clone_url: 'https://git.example.com/acme/none.git' } }, null, 2);
    const signed = await push(body, `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
    expect(signed.status).toBe(200);
    expect(await signed.json()).toEqual({ refreshed: 0 });
  });

  it('refuses a push without a signature or with a wrong one', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    expect((await push(body)).status).toBe(401);
    expect((await push(body, `sha256=${createHmac('sha256', 'another-secret').update(body).digest('hex')}`)).status).toBe(401);
  });
});
