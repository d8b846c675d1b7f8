import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isolatedConfigLines, makeTempConfig, spawnBackend, type SpawnedBackend } from './testing.js';

const running: SpawnedBackend[] = [];
afterEach(() => {
  for (const backend of running.splice(0)) backend.child.kill('SIGKILL');
});

describe('the portal executable', () => {
  it('exits non-zero listing every config problem with its key path, without a stack trace', async () => {
    const { file } = makeTempConfig(
      [
        'backend:',
        '  listen: { port: not-a-port }',
        '  shutdownTimeout: soon',
        '  auth:',
        '    externalAccess:',
        '      - type: static',
        '        options: { token: short, subject: ci }',
        'database:',
        '  client: pglite',
        '  directory: ""',
      ].join('\n'),
    );
    const backend = spawnBackend(['--config', file]);
    running.push(backend);
    const code = await backend.exited;
    const output = backend.output();
    expect(code).not.toBe(0);
    expect(output).toContain('backend.listen.port: expected a port number');
    expect(output).toContain('backend.shutdownTimeout: expected a duration');
    expect(output).toContain('backend.auth.externalAccess.0.options.token: a token must be at least 8 characters');
    expect(output).toContain('database.directory:');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('reports an unset environment variable and an unreadable config file', async () => {
    const { file } = makeTempConfig('app:\n  title: ${PORTAL_TEST_UNSET_VARIABLE}\n');
    const backend = spawnBackend(['--config', file, '--config', path.join(path.dirname(file), 'missing.yaml')]);
    running.push(backend);
    expect(await backend.exited).not.toBe(0);
    expect(backend.output()).toContain('app.title: environment variable PORTAL_TEST_UNSET_VARIABLE is not set');
    expect(backend.output()).toContain('missing.yaml: cannot be read');
  });

  it('on SIGTERM stops accepting connections and finishes the request in flight', async () => {
    const { dir, file } = makeTempConfig('');
    const fs = await import('node:fs');
    fs.writeFileSync(
      file,
      [
        ...isolatedConfigLines(dir, { backend: ['auth: { externalAccess: [{ type: static, options: { token: shutdown-test-token, subject: tester } }] }'] }),
        'examples: { seed: false }',
      ].join('\n'),
    );
    const backend = spawnBackend(['--config', file]);
    running.push(backend);
    const url = new URL(await backend.ready);

    // A request whose body is only half sent is in flight until the rest arrives.
    const body = JSON.stringify({ padding: 'x'.repeat(40) });
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise(resolve => socket.once('connect', resolve));
    let response = '';
    socket.on('data', chunk => (response += chunk.toString()));
    const ended = new Promise(resolve => socket.once('end', resolve));
    socket.write(
      `POST /api/catalog/locations HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer shutdown-test-token\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise(resolve => setTimeout(resolve, 200));

    backend.child.kill('SIGTERM');
    await new Promise(resolve => setTimeout(resolve, 300));

    // New connections are refused while the old request is still being served.
    const refused = await new Promise<boolean>(resolve => {
      const probe = net.connect(Number(url.port), url.hostname);
      probe.once('connect', () => {
        probe.destroy();
        resolve(false);
      });
      probe.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);

    socket.write(body.slice(10));
    await ended;
    // Served to the end: the whole body was read, and found not to be a location.
    expect(response).toMatch(/^HTTP\/1\.1 400/);
    expect(response).toContain('"statusCode":400');
    expect(await backend.exited).toBe(0);
    expect(backend.output()).toContain('Shutdown complete');
  });
});
