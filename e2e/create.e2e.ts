import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cloneFiles, startFakeGithub, type FakeGithub } from '@portal/plugin-scaffolder/testing';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { repoRoot, screenshotPath, startPortal, type Portal } from './support/portal.js';

const run = promisify(execFile);
const TOKEN = 'e2e-create-token-0123456789';
/** The GitHub host the portal's integration names; its API is the stand-in's. */
const GITHUB_HOST = 'ghe.example.test';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 300));
  }
}

describe.skipIf(!chromiumPath)('creating from templates in Chromium', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  let scratch: string;
  let github: FakeGithub;
  const pageErrors: string[] = [];
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${portal.url}/api${p}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });
  const host = () => new URL(portal.url).host;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-create-'));
    // A stand-in GitHub, checked against GitHub's published API description, behind the
    // portal's GitHub integration.
    github = await startFakeGithub({
      accounts: { acme: 'Organization' },
      tokens: gitHost => ({ [gitHost.writeToken]: { login: 'octo', scopes: ['repo'] } }),
    });
    await github.addRepository('acme', 'platform', { 'README.md': '# Platform\n' });
    const integrations = [
      'integrations:',
      '  github:',
      `    - { host: ${GITHUB_HOST}, apiBaseUrl: "${github.apiBaseUrl}", token: "${github.gitHost.writeToken}" }`,
    ];
    portal = await startPortal(integrations.join('\n'), {
      backendConfig: ['auth:', '  externalAccess:', '    - type: static', `      options: { token: ${TOKEN}, subject: e2e }`],
    });
    // The templates and the organisation are pushed to the local git host and registered after start.
    await waitFor('the seeded templates', async () => (await api('/catalog/entities/by-name/template/default/typescript-service')).ok);
    for (const ref of ['group/default/platform-team', 'system/default/storefront']) {
      await waitFor(`the seeded ${ref}`, async () => (await api(`/catalog/entities/by-name/${ref}`)).ok);
    }
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', error => pageErrors.push(error.message));
    // Guest sign-in through the API, as in catalog.e2e.ts.
    const signIn = await page.request.post(`${portal.url}/api/auth/guest/start?redirect=/create`, { headers: { origin: portal.url }, maxRedirects: 0 });
    expect(signIn.status()).toBeLessThan(400);
  });
  // A failing test leaves a picture of where it stopped.
  afterEach(async context => {
    if (context.task.result?.state === 'fail')
      await page?.screenshot({ path: screenshotPath(`create-failure-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`), fullPage: true });
    expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await github?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * Puts a template folder on the portal's git host and registers its template.yaml by URL, as a
   * team would: the API takes only url locations.
   */
  async function registerTemplate(folder: string, name: string) {
    const created = await api('/git/repos', { method: 'POST', body: JSON.stringify({ owner: 'acme', name: `template-${name}` }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const { cloneUrl } = (await created.json()) as { cloneUrl: string };
    const git = (...args: string[]) =>
      run('git', args, {
        cwd: folder,
        env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' },
      });
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'Template');
    await git('push', '-q', cloneUrl.replace('://', `://e2e:${TOKEN}@`), 'main');
    const target = `${portal.url}/git/acme/template-${name}/blob/main/template.yaml`;
    const response = await api('/catalog/locations', { method: 'POST', body: JSON.stringify({ type: 'url', target }) });
    expect(response.status, await response.clone().text()).toBe(201);
    await waitFor(`template ${name}`, async () => (await api(`/catalog/entities/by-name/template/default/${name}`)).ok, 30_000);
  }

  const next = () => page.getByRole('button', { name: 'Next' }).click();
  const taskLog = () => page.getByRole('log', { name: 'Task log' }).innerText();

  it('creates a service from the TypeScript service template, from the gallery to a clonable repository', async () => {
    await page.goto(`${portal.url}/create`);
    await page.getByRole('article', { name: 'TypeScript HTTP service' }).click();
    await page.waitForURL(url => url.pathname === '/create/templates/default/typescript-service');
    await page.getByRole('heading', { name: 'About the service' }).waitFor();

    // Nothing filled in: "Next" stays on the page and says what is missing.
    await next();
    const name = page.getByRole('textbox', { name: 'Name' });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    // A name the catalog would refuse is caught before anything runs, then fixed.
    await name.fill('Orders Service!');
    await page.getByRole('textbox', { name: 'Description' }).fill('Takes orders from the storefront and hands them to payments.');
    await page.getByRole('combobox', { name: 'Owner' }).fill('platform');
    await page.getByRole('option', { name: /group:default\/platform-team/ }).click();
    await page.getByRole('combobox', { name: 'System' }).fill('storefront');
    await page.getByRole('option', { name: /system:default\/storefront/ }).click();
    await next();
    await page.getByText(/must be 1–63 characters/).waitFor();
    await page.getByRole('heading', { name: 'About the service' }).waitFor();
    await name.fill('orders-service');
    await next();

    await page.getByRole('heading', { name: 'Repository' }).waitFor();
    await page.getByRole('textbox', { name: 'Owner' }).fill('acme');
    await page.getByRole('textbox', { name: 'Repository' }).fill('orders-service');
    await next();

    await page.getByRole('heading', { name: 'Runtime and deployment' }).waitFor();
    await page.getByRole('combobox', { name: 'Node.js version' }).click();
    await page.getByRole('option', { name: 'Node.js 20 (maintenance LTS)' }).click();
    await page.getByRole('spinbutton', { name: 'HTTP port' }).fill('8443');
    await page.getByRole('textbox', { name: 'Kubernetes namespace' }).fill('orders');
    await page.getByRole('spinbutton', { name: 'Replicas' }).fill('3');
    await page.getByRole('button', { name: 'Review' }).click();

    await page.getByRole('heading', { name: 'Review and create' }).waitFor();
    const about = await page.getByRole('table', { name: 'About the service' }).innerText();
    expect(about).toContain('orders-service');
    expect(about).toContain('platform-team');
    const runtime = await page.getByRole('table', { name: 'Runtime and deployment' }).innerText();
    expect(runtime).toContain('8443');

    // The dry run shows what would be written without creating anything.
    await page.getByRole('button', { name: 'Dry run' }).click();
    const dryRun = page.getByRole('region', { name: 'Dry run result' });
    await dryRun.waitFor({ timeout: 30_000 });
    const files = dryRun.getByRole('list', { name: 'Files' });
    for (const file of ['package.json', 'Dockerfile', 'deployment.yaml', 'catalog-info.yaml']) {
      await files.getByRole('button', { name: file, exact: true }).waitFor();
    }
    await files.getByRole('button', { name: 'catalog-info.yaml', exact: true }).click();
    const content = dryRun.getByLabel('Content of catalog-info.yaml');
    await expect.poll(() => content.innerText()).toContain('name: "orders-service"');
    expect(await content.innerText()).toContain('owner: "group:default/platform-team"');
    expect(await content.innerText()).toContain('system: "system:default/storefront"');
    // A tall viewport rather than fullPage: the app bar is fixed and would be drawn mid-page.
    await page.setViewportSize({ width: 1280, height: 1800 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath('create-wizard'), animations: 'disabled' });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await api('/git/repos/acme/orders-service')).status).toBe(404);

    const stream = page.waitForResponse(response => /\/api\/scaffolder\/v2\/tasks\/[^/]+\/eventstream/.test(response.url()));
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(url => url.pathname.startsWith('/create/tasks/'));
    // The log arrives over the task's event stream as the steps run, each step's lines in turn.
    expect((await stream).headers()['content-type']).toContain('text/event-stream');
    await expect.poll(taskLog, { timeout: 60_000 }).toMatch(/Wrote \d+ files/);
    await expect.poll(taskLog, { timeout: 60_000 }).toContain("Created acme/orders-service on the portal's git host");
    await page.getByText('Done: every step finished.').waitFor({ timeout: 60_000 });
    for (const step of ['Render the skeleton', 'Create the repository', 'Register in the catalog']) {
      await page.getByRole('button', { name: new RegExp(`^${step}: Done`) }).waitFor();
    }
    await page.screenshot({ path: screenshotPath('create-task') });
    const taskPath = new URL(page.url()).pathname;
    expect((await api('/git/repos/acme/orders-service')).status).toBe(200);

    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/component/orders-service');
    await page.getByRole('heading', { level: 1, name: 'orders-service' }).waitFor();
    expect(await page.getByRole('region', { name: 'About' }).innerText()).toContain('Takes orders from the storefront');

    // The repository is on the local git host, and git itself can clone it.
    const clone = path.join(scratch, 'orders-service');
    await run('git', ['clone', '-q', `http://x:${TOKEN}@${host()}/git/acme/orders-service.git`, clone]);
    const pkg = JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8')) as { name: string; engines?: { node?: string } };
    expect(pkg.name).toBe('orders-service');
    expect(pkg.engines?.node).toContain('20');
    expect(fs.readFileSync(path.join(clone, 'k8s/deployment.yaml'), 'utf8')).toContain('namespace: "orders"');
    const { stdout } = await run('git', ['-C', clone, 'log', '--format=%s']);
    expect(stdout.trim()).toBe('Create orders-service from the TypeScript service template');

    // The run is listed with the signed-in person's tasks and leads back to its page.
    await page.goto(`${portal.url}/create/tasks`);
    await page.getByRole('table', { name: 'Tasks' }).getByRole('link', { name: 'typescript-service' }).click();
    await page.waitForURL(url => url.pathname === taskPath);
    await page.getByText('Done: every step finished.').waitFor();

    // Create's repository list shows the new repository with the URL it was cloned from.
    await page.goto(`${portal.url}/create`);
    await page.getByRole('link', { name: 'Repositories' }).click();
    const row = page.getByRole('table', { name: 'Repositories' }).getByRole('row').filter({ hasText: 'acme/orders-service' });
    await expect.poll(() => row.innerText()).toContain(`${portal.url}/git/acme/orders-service.git`);
  });

  it("shows a failing step's error on the task page", async () => {
    const folder = path.join(scratch, 'failing-template');
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'template.yaml'),
      [
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata:',
        '  name: e2e-failing',
        '  title: A template that fails',
        'spec:',
        '  owner: group:default/platform-team',
        '  type: service',
        '  parameters:',
        '    - title: Nothing much',
        '      properties:',
        '        greeting: { title: Greeting, type: string, default: hello }',
        '  steps:',
        '    - id: hello',
        '      name: Say hello',
        '      action: debug:log',
        '      input: { message: "${{ parameters.greeting }} from the first step" }',
        '    - id: fetch',
        '      name: Fetch the skeleton',
        '      action: fetch:template',
        '      input: { url: ./no-such-folder }',
        '    - id: after',
        '      name: Never runs',
        '      action: debug:log',
        '      input: { message: unreachable }',
      ].join('\n'),
    );
    await registerTemplate(folder, 'e2e-failing');

    await page.goto(`${portal.url}/create/templates/default/e2e-failing`);
    await page.getByRole('heading', { name: 'Nothing much' }).waitFor();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(url => url.pathname.startsWith('/create/tasks/'));

    const alert = page.getByRole('alert').filter({ hasText: 'Step "Fetch the skeleton" failed' });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toContain('no-such-folder');
    await page.getByRole('button', { name: /^Say hello: Done/ }).waitFor();
    await page.getByRole('button', { name: /^Fetch the skeleton: Failed/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Never runs: (Waiting|Skipped|Cancelled)/ }).count()).toBe(1);
    // The failing step's log is shown first; every step's log is one click away.
    await expect.poll(taskLog).toContain('no-such-folder');
    expect(await taskLog()).not.toContain('hello from the first step');
    await page.getByRole('button', { name: 'Show all steps' }).click();
    await expect.poll(taskLog).toContain('hello from the first step');
    await page.screenshot({ path: screenshotPath('create-task-failed') });
  });

  it("runs the shape of Backstage's example Node.js template, published to the local git host", async () => {
    const folder = path.join(scratch, 'example-nodejs-template');
    fs.cpSync(path.join(repoRoot, 'e2e/fixtures/example-nodejs-template'), folder, { recursive: true });
    const templateFile = path.join(folder, 'template.yaml');
    fs.writeFileSync(templateFile, fs.readFileSync(templateFile, 'utf8').replaceAll('localhost:7007', host()));
    await registerTemplate(folder, 'example-nodejs-template');

    await page.goto(`${portal.url}/create`);
    await page.getByRole('article', { name: 'Example Node.js Template' }).click();
    await page.getByRole('heading', { name: 'Fill in some steps' }).waitFor();
    const name = page.getByRole('textbox', { name: 'Name' });
    // ui:autofocus puts the cursor in the name field.
    await expect.poll(() => name.evaluate(element => element === document.activeElement)).toBe(true);
    await name.fill('hello-node');
    await next();

    await page.getByRole('heading', { name: 'Choose a location' }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Host' }).innerText()).toBe(host());
    await page.getByRole('textbox', { name: 'Owner' }).fill('acme');
    await page.getByRole('textbox', { name: 'Repository' }).fill('hello-node');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Review and create' }).waitFor();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(url => url.pathname.startsWith('/create/tasks/'));

    await page.getByText('Done: every step finished.').waitFor({ timeout: 60_000 });
    for (const step of ['Fetch Base', 'Publish', 'Register']) {
      await page.getByRole('button', { name: new RegExp(`^${step}: Done`) }).waitFor();
    }
    await page.getByRole('link', { name: 'Repository' }).waitFor();
    await page.getByRole('link', { name: 'Open in catalog' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/component/hello-node');
    await page.getByRole('heading', { level: 1, name: 'hello-node' }).waitFor();

    const clone = path.join(scratch, 'hello-node');
    await run('git', ['clone', '-q', `http://x:${TOKEN}@${host()}/git/acme/hello-node.git`, clone]);
    expect(fs.readFileSync(path.join(clone, 'index.js'), 'utf8')).toContain('Hello from hello-node');
  });

  it('opens a pull request on GitHub from a Backstage pull-request template, with the rendered files', async () => {
    const folder = path.join(scratch, 'propose-service');
    fs.mkdirSync(path.join(folder, 'skeleton'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'skeleton/service.yaml'), 'name: ${{ values.name }}\nreplicas: ${{ values.replicas }}\n');
    fs.writeFileSync(
      path.join(folder, 'template.yaml'),
      [
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata:',
        '  name: e2e-propose-service',
        '  title: Propose a service by pull request',
        'spec:',
        '  owner: group:default/platform-team',
        '  type: service',
        '  parameters:',
        '    - title: The service',
        '      required: [name, repoUrl]',
        '      properties:',
        '        name: { title: Service name, type: string }',
        '        replicas: { title: Replicas, type: integer, default: 2 }',
        '        repoUrl:',
        '          title: Platform repository',
        '          type: string',
        '          ui:field: RepoUrlPicker',
        `          ui:options: { allowedHosts: [${GITHUB_HOST}] }`,
        '  steps:',
        '    - id: render',
        '      name: Render the files',
        '      action: fetch:template',
        '      input: { url: ./skeleton, values: { name: "${{ parameters.name }}", replicas: "${{ parameters.replicas }}" } }',
        '    - id: propose',
        '      name: Open the pull request',
        '      action: publish:github:pull-request',
        '      input:',
        '        repoUrl: ${{ parameters.repoUrl }}',
        '        branchName: add-${{ parameters.name }}',
        '        title: Add ${{ parameters.name }}',
        '        description: Proposed from the portal',
        '        targetPath: services/${{ parameters.name }}',
        '  output:',
        '    links:',
        '      - { title: Pull request, url: "${{ steps.propose.output.remoteUrl }}" }',
      ].join('\n'),
    );
    await registerTemplate(folder, 'e2e-propose-service');

    await page.goto(`${portal.url}/create`);
    await page.getByRole('article', { name: 'Propose a service by pull request' }).click();
    await page.getByRole('heading', { name: 'The service' }).waitFor();
    await page.getByRole('textbox', { name: 'Service name' }).fill('billing');
    await page.getByRole('spinbutton', { name: 'Replicas' }).fill('3');
    await expect.poll(() => page.getByRole('combobox', { name: 'Host' }).innerText()).toBe(GITHUB_HOST);
    await page.getByRole('textbox', { name: 'Owner' }).fill('acme');
    await page.getByRole('textbox', { name: 'Repository' }).fill('platform');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(url => url.pathname.startsWith('/create/tasks/'));
    await page.getByText('Done: every step finished.').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^Open the pull request: Done/ }).waitFor();

    const repo = github.repos.get('acme/platform')!;
    expect(repo.pulls).toEqual([
      expect.objectContaining({ number: 1, title: 'Add billing', head: 'add-billing', base: 'main', body: 'Proposed from the portal' }),
    ]);
    expect(await page.getByRole('link', { name: 'Pull request' }).getAttribute('href')).toBe(`${repo.htmlUrl}/pull/1`);
    // The branch holds the rendered skeleton under targetPath, next to what was there.
    expect(await cloneFiles(repo.cloneUrl, 'add-billing', github.gitHost.readToken)).toEqual({
      'README.md': '# Platform\n',
      'services/billing/service.yaml': 'name: billing\nreplicas: 3\n',
    });
    expect(github.violations).toEqual([]);
  });

  it('opens a template written for another portal: entity lists, a missing field extension, a missing action', async () => {
    const folder = path.join(scratch, 'foreign-template');
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'template.yaml'),
      [
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata:',
        '  name: e2e-foreign',
        '  title: Deploy with the Acme platform',
        'spec:',
        '  owner: group:default/platform-team',
        '  type: service',
        '  parameters:',
        '    - title: Who and where',
        '      properties:',
        '        teams:',
        '          title: Reviewing teams',
        '          type: array',
        '          items: { type: string }',
        '          ui:field: MultiEntityPicker',
        '          ui:options: { catalogFilter: { kind: Group } }',
        '        costCentre:',
        '          title: Cost centre',
        '          type: string',
        '          ui:field: AcmeCostCentrePicker',
        '  steps:',
        '    - id: deploy',
        '      name: Deploy',
        '      action: acme:kubernetes:deploy',
        '      input: { teams: "${{ parameters.teams }}" }',
      ].join('\n'),
    );
    await registerTemplate(folder, 'e2e-foreign');

    await page.goto(`${portal.url}/create`);
    const card = page.getByRole('article', { name: 'Deploy with the Acme platform' });
    await expect.poll(() => card.innerText()).toContain('Uses actions this portal lacks: acme:kubernetes:deploy');
    await card.click();
    await page.getByRole('heading', { name: 'Who and where' }).waitFor();

    const teams = page.getByRole('combobox', { name: 'Reviewing teams' });
    for (const team of ['payments', 'platform']) {
      await teams.fill(team);
      await page.getByRole('option', { name: new RegExp(`group:default/${team}-team`) }).click();
    }
    const costCentre = page.getByRole('textbox', { name: 'Cost centre' });
    expect(await costCentre.getAttribute('data-field-extension')).toBe('AcmeCostCentrePicker');
    await page.getByText('Typed by hand: this portal has no AcmeCostCentrePicker field extension.').waitFor();
    await costCentre.fill('CC-42');

    await page.getByRole('button', { name: 'Review' }).click();
    const review = await page.getByRole('table', { name: 'Who and where' }).innerText();
    expect(review).toContain('group:default/payments-team');
    expect(review).toContain('group:default/platform-team');
    expect(review).toContain('CC-42');
  });
});
