import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { startBackend, type RunningBackend } from './startBackend.js';
import { isolatedConfigLines, makeTempConfig } from './testing.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const serviceTemplate = path.join(repoRoot, 'templates/typescript-service');

// A newline in a form value that a template renders into YAML unquoted appends a document of the
// caller's choosing: here a Group under the admin group, with the caller as its member.
const INJECTED_OWNER = [
  'web-team',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata: { name: shadow-admins }',
  'spec: { type: team, parent: platform-team, children: [], members: [guest] }',
].join('\n');

const ORG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform-team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: web-team }
spec: { type: team, children: [], members: [guest] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: guest }
spec: { memberOf: [web-team] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-service }
spec: { type: service, lifecycle: production, owner: platform-team }
`;

/** A template as the golden paths were before values were quoted, with plain text fields (no pickers). */
const UNQUOTED_TEMPLATE = `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: unquoted-service }
spec:
  owner: platform-team
  type: service
  parameters:
    - required: [name, owner, repoUrl]
      properties:
        name: { type: string }
        owner: { type: string }
        repoUrl: { type: string }
  steps:
    - id: fetch
      action: fetch:template
      input: { url: ./content, values: { name: '\${{ parameters.name }}', owner: '\${{ parameters.owner }}' } }
    - id: publish
      action: publish:git
      input: { repoUrl: '\${{ parameters.repoUrl }}', defaultBranch: main }
    - id: register
      action: catalog:register
      input: { repoContentsUrl: "\${{ steps['publish'].output.repoContentsUrl }}", catalogInfoPath: /catalog-info.yaml }
`;
const UNQUOTED_CONTENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name }}
spec:
  type: service
  lifecycle: experimental
  owner: \${{ values.owner }}
`;

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** Just enough of a browser: the guest's cookies, and the CSRF header on writes. */
class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly baseUrl: string) {}

  async signInAsGuest(): Promise<void> {
    this.cookies.clear();
    const res = await this.fetch('/api/auth/guest/start', { method: 'POST' });
    expect(res.status).toBe(303);
  }

  async fetch(url: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = { origin: this.baseUrl, 'sec-fetch-site': 'same-origin' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('portal-csrf');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!.slice(eq + 1);
      if (value) this.cookies.set(pair!.slice(0, eq), value);
      else this.cookies.delete(pair!.slice(0, eq));
    }
    return res;
  }

  async json<T>(url: string, init: { method?: string; json?: unknown } = {}): Promise<{ status: number; body: T }> {
    const res = await this.fetch(url, init);
    return { status: res.status, body: (await res.json()) as T };
  }
}

describe('a template value cannot make its author an admin', () => {
  let backend: RunningBackend;
  let browser: Browser;
  let gitHost: string;
  let dir: string;

  beforeAll(async () => {
    const temp = makeTempConfig('');
    dir = temp.dir;
    const fixtures = path.join(dir, 'fixtures');
    fs.mkdirSync(path.join(fixtures, 'unquoted/content'), { recursive: true });
    fs.writeFileSync(path.join(fixtures, 'org.yaml'), ORG);
    fs.writeFileSync(path.join(fixtures, 'unquoted/template.yaml'), UNQUOTED_TEMPLATE);
    fs.writeFileSync(path.join(fixtures, 'unquoted/content/catalog-info.yaml'), UNQUOTED_CONTENT);
    fs.writeFileSync(
      temp.file,
      [
        ...isolatedConfigLines(dir),
        'examples: { seed: false }',
        'auth: { providers: { guest: {} } }',
        'permission: { admins: [group:default/platform-team] }',
        'catalog:',
        '  locations:',
        // The organisation is trusted; the templates are not, which is all they need.
        `    - { type: file, target: ${JSON.stringify(path.join(fixtures, 'org.yaml'))}, rules: [{ allow: [Group, User] }] }`,
        `    - { type: file, target: ${JSON.stringify(path.join(serviceTemplate, 'template.yaml'))} }`,
        `    - { type: file, target: ${JSON.stringify(path.join(fixtures, 'unquoted/template.yaml'))} }`,
      ].join('\n'),
    );
    backend = await startBackend({
      argv: ['--config', temp.file],
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'development', PORT: '' },
      logger: createLogger({ level: 'silent' }),
      appDistDir: path.join(dir, 'no-app'),
    });
    gitHost = new URL(backend.url).host;
    browser = new Browser(backend.url);
    for (const ref of ['template/default/unquoted-service', 'template/default/typescript-service', 'user/default/guest']) {
      await waitFor(async () => (await fetch(`${backend.url}/api/catalog/entities/by-name/${ref}`)).status === 200, `${ref} in the catalog`);
    }
    await browser.signInAsGuest();
  }, 120_000);
  afterAll(async () => {
    await backend?.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The golden path's form, filled in with the injected owner. */
  const serviceValues = () => ({
    name: 'shadow-service',
    description: 'A service',
    owner: INJECTED_OWNER,
    repoUrl: `${gitHost}?owner=web-team&repo=shadow-service`,
    nodeVersion: '22',
    port: 8080,
    kubernetes: false,
  });
  const isAdmin = async () => (await browser.json<{ isAdmin: boolean }>('/api/auth/me')).body.isAdmin;

  it('starts as a guest who is no admin and may not delete another team’s service', async () => {
    expect(await isAdmin()).toBe(false);
    const payments = await browser.json<{ metadata: { uid: string } }>('/api/catalog/entities/by-name/component/default/payments-service');
    expect((await browser.fetch(`/api/catalog/entities/by-uid/${payments.body.metadata.uid}`, { method: 'DELETE' })).status).toBe(403);
  });

  it('refuses the injected owner on the server, whatever the browser sent (field validation)', async () => {
    const task = await browser.json<{ error: { fields: Array<{ path: string }> } }>('/api/scaffolder/v2/tasks', {
      method: 'POST',
      json: {
        templateRef: 'template:default/typescript-service',
        values: serviceValues(),
      },
    });
    expect(task.status).toBe(400);
    expect(task.body.error.fields.map(f => f.path)).toContain('/owner');
  });

  it('renders the injected owner as one quoted string in the golden path’s YAML (quoted values)', async () => {
    // The golden path's own files, with its owner field stripped of its picker so that
    // validation lets the value through: only the quoting stands between it and the YAML.
    const template = yaml.load(fs.readFileSync(path.join(serviceTemplate, 'template.yaml'), 'utf8')) as {
      spec: { parameters: Array<{ properties: Record<string, Record<string, unknown>> }> };
    };
    delete template.spec.parameters[0]!.properties.owner!['ui:field'];
    const content = path.join(serviceTemplate, 'content');
    const files = fs
      .readdirSync(content, { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => path.relative(content, path.join(entry.parentPath, entry.name)));
    const dryRun = await browser.json<{ status: string; directoryContents: Array<{ path: string; base64Content: string }> }>('/api/scaffolder/v2/dry-run', {
      method: 'POST',
      json: {
        template,
        values: serviceValues(),
        directoryContents: files.map(file => ({ path: `content/${file}`, base64Content: fs.readFileSync(path.join(content, file)).toString('base64') })),
      },
    });
    expect(dryRun.status).toBe(200);
    const written = dryRun.body.directoryContents.find(f => f.path === 'catalog-info.yaml');
    const documents = yaml.loadAll(Buffer.from(written!.base64Content, 'base64').toString('utf8')) as Array<{ kind: string; spec: { owner: string } }>;
    expect(documents.map(d => d.kind)).toEqual(['Component']);
    expect(documents[0]!.spec.owner).toBe(INJECTED_OWNER);
  });

  it('keeps out the Group an unquoted template registers, and the guest stays no admin (trust by origin)', async () => {
    const created = await browser.json<{ id: string }>('/api/scaffolder/v2/tasks', {
      method: 'POST',
      json: {
        templateRef: 'template:default/unquoted-service',
        values: { name: 'shadow-service', owner: INJECTED_OWNER, repoUrl: `${gitHost}?owner=guest&repo=shadow-service` },
      },
    });
    expect(created.status).toBe(201);
    let status = 'open';
    await expect
      .poll(async () => (status = (await browser.json<{ status: string }>(`/api/scaffolder/v2/tasks/${created.body.id}`)).body.status), {
        timeout: 60_000,
        interval: 250,
      })
      .toMatch(/completed|failed/);
    expect(status).toBe('completed');

    // The file did carry the Group: the component arrived, the Group was refused with a reason.
    expect((await fetch(`${backend.url}/api/catalog/entities/by-name/component/default/shadow-service`)).status).toBe(200);
    expect((await fetch(`${backend.url}/api/catalog/entities/by-name/group/default/shadow-admins`)).status).toBe(404);
    const locations = await browser.json<Array<{ data: { id: string; target: string } }>>('/api/catalog/locations');
    const registered = locations.body.find(l => l.data.target.includes('/guest/shadow-service/'));
    const locationStatus = await browser.json<{ errors: Array<{ message: string }> }>(`/api/catalog/locations/${registered!.data.id}/status`);
    expect(locationStatus.body.errors.map(e => e.message).join('\n')).toMatch(/Kind Group may not be added/);

    await browser.signInAsGuest();
    expect(await isAdmin()).toBe(false);
    const payments = await browser.json<{ metadata: { uid: string } }>('/api/catalog/entities/by-name/component/default/payments-service');
    expect((await browser.fetch(`/api/catalog/entities/by-uid/${payments.body.metadata.uid}`, { method: 'DELETE' })).status).toBe(403);
  }, 90_000);
});
