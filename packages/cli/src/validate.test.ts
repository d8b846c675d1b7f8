import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
// Resolved from here, because the command runs with the fixture folder as its working directory.
const tsx = import.meta.resolve('tsx');

function portal(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(process.execPath, ['--conditions=source', '--import', tsx, entry, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const GROUP = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
`;
const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec:
  type: service
  lifecycle: production
  owner: team-a
  system: billing
`;
const BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
spec:
  type: service
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Widget
metadata:
  name: w
`;

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: service
spec:
  owner: team-a
  type: service
  steps: []
`;

const UNQUOTED_TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: unquoted
spec:
  owner: team-a
  type: service
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./content
        copyWithoutTemplating: ['./verbatim/*']
`;
const UNQUOTED_CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name | dump }}
  description: \${{ values.description | dump | trim }}
spec:
  owner: \${{ values.owner }}
{%- if values.system %}
  system: \${{ values.system | dump }}
{%- endif %}
  {# \${{ values.commented }} #}
  lifecycle: \${{ values.lifecycle or 'experimental' | dump }}
`;

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portal-validate-'));
  await fs.mkdir(path.join(dir, 'good/nested'), { recursive: true });
  await fs.mkdir(path.join(dir, 'bad'));
  await fs.writeFile(path.join(dir, 'good/org.yaml'), GROUP);
  await fs.writeFile(path.join(dir, 'good/nested/catalog-info.yml'), COMPONENT);
  await fs.writeFile(path.join(dir, 'good/README.md'), '# not a catalog file');
  await fs.writeFile(path.join(dir, 'good/mkdocs.yml'), 'site_name: Payments\nnav:\n  - index.md\n');
  await fs.writeFile(path.join(dir, 'bad/catalog-info.yaml'), BROKEN);
  await fs.writeFile(path.join(dir, 'bad/dup.yaml'), GROUP);
  await fs.mkdir(path.join(dir, 'tmpl/content/k8s'), { recursive: true });
  await fs.writeFile(path.join(dir, 'tmpl/template.yaml'), TEMPLATE);
  await fs.writeFile(path.join(dir, 'tmpl/content/catalog-info.yaml'), 'metadata:\n  name: ${{ values.name }}\n{% if values.x %}\n');
  await fs.writeFile(path.join(dir, 'tmpl/content/k8s/deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\n');
  await fs.mkdir(path.join(dir, 'unquoted/content/.github'), { recursive: true });
  await fs.mkdir(path.join(dir, 'unquoted/content/verbatim'));
  await fs.writeFile(path.join(dir, 'unquoted/template.yaml'), UNQUOTED_TEMPLATE);
  await fs.writeFile(path.join(dir, 'unquoted/content/catalog-info.yaml'), UNQUOTED_CATALOG_INFO);
  await fs.writeFile(path.join(dir, 'unquoted/content/.github/ci.yml'), "node-version: ${{ '${{ matrix.node }}' | dump }}\nrun: echo ${{ values.name }}\n");
  await fs.writeFile(path.join(dir, 'unquoted/content/README.md'), '# ${{ values.name }}\n');
  await fs.writeFile(path.join(dir, 'unquoted/content/verbatim/kept.yaml'), 'on: ${{ github.event }}\n');
  await fs.writeFile(path.join(dir, 'huge.yaml'), `a: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('portal validate', () => {
  it('exits 0 for valid files found in a folder', async () => {
    const result = await portal(['validate', 'good'], dir);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('0 errors, 0 warnings in 2 files');
    expect(result.code).toBe(0);
  });

  it('passes over a template skeleton when walking a folder, but still judges the template', async () => {
    const walked = await portal(['validate', 'tmpl'], dir);
    expect(walked.stdout).toBe('');
    expect(walked.stderr).toContain('0 errors, 0 warnings in 1 file');
    expect(walked.code).toBe(0);
    const named = await portal(['validate', 'tmpl/content/catalog-info.yaml'], dir);
    expect(named.code).toBe(1);
  });

  it("warns about each expression a template's YAML skeleton prints without dump, and still exits 0", async () => {
    const result = await portal(['validate', 'unquoted'], dir);
    const content = path.join('unquoted', 'content');
    expect(result.stdout.trim().split('\n')).toEqual([
      `${path.join(content, '.github', 'ci.yml')}:2: template:default/unquoted: warning: \${{ values.name }} is printed into YAML unquoted, so a value with a newline or ": " can add keys or documents; pass it through dump last: \${{ values.name | dump }}`,
      `${path.join(content, 'catalog-info.yaml')}:5: template:default/unquoted: warning: \${{ values.description | dump | trim }} is printed into YAML unquoted, so a value with a newline or ": " can add keys or documents; pass it through dump last: \${{ values.description | dump | trim | dump }}`,
      `${path.join(content, 'catalog-info.yaml')}:7: template:default/unquoted: warning: \${{ values.owner }} is printed into YAML unquoted, so a value with a newline or ": " can add keys or documents; pass it through dump last: \${{ values.owner | dump }}`,
      `${path.join(content, 'catalog-info.yaml')}:12: template:default/unquoted: warning: \${{ values.lifecycle or 'experimental' | dump }} is printed into YAML unquoted, so a value with a newline or ": " can add keys or documents; pass it through dump last: \${{ (values.lifecycle or 'experimental' | dump) | dump }}`,
    ]);
    expect(result.stderr).toContain('0 errors, 4 warnings in 1 file');
    expect(result.code).toBe(0);
  });

  it('judges a non-catalog YAML file when it is named, not when a folder walk finds it', async () => {
    const named = await portal(['validate', 'good/mkdocs.yml'], dir);
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('good/mkdocs.yml:1: apiVersion: apiVersion is required');
  });

  it('prints each problem as file:line: entity: path: message and exits 1', async () => {
    const result = await portal(['validate', 'bad/catalog-info.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toEqual([
      `${path.join('bad', 'catalog-info.yaml')}:5: component:default/checkout: spec.lifecycle: spec.lifecycle is required for a Component`,
      `${path.join('bad', 'catalog-info.yaml')}:10: widget:default/w: kind: kind "Widget" is not known; known kinds are Component, API, Resource, System, Domain, Group, User, Location, Template`,
    ]);
  });

  it('reports an entity defined twice across files', async () => {
    const result = await portal(['validate', 'good/org.yaml', 'bad/dup.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('group:default/team-a is already defined at');
  });

  it('with --strict, fails on references to entities not in the given files', async () => {
    const loose = await portal(['validate', 'good/*.yaml', 'good/nested/*.yml'], dir);
    expect(loose.code).toBe(0);
    const strict = await portal(['validate', '--strict', 'good/**/*.yaml', 'good/**/catalog-info.yml'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout.trim()).toBe(
      `${path.join('good', 'nested', 'catalog-info.yml')}:9: component:default/payments: spec.system: spec.system refers to system:default/billing, which none of the given files defines`,
    );
    await fs.writeFile(
      path.join(dir, 'good/system.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: {name: billing}\nspec: {owner: group:team-a}\n',
    );
    const resolved = await portal(['validate', '--strict', 'good'], dir);
    expect(resolved.stdout).toBe('');
    expect(resolved.code).toBe(0);
    await fs.rm(path.join(dir, 'good/system.yaml'));
  });

  it('prints JSON with --format json', async () => {
    const result = await portal(['validate', '--format', 'json', 'bad/catalog-info.yaml'], dir);
    expect(result.code).toBe(1);
    const problems = JSON.parse(result.stdout);
    expect(problems[0]).toEqual({
      file: path.join('bad', 'catalog-info.yaml'),
      line: 5,
      entityRef: 'component:default/checkout',
      path: 'spec.lifecycle',
      message: 'spec.lifecycle is required for a Component',
      severity: 'error',
    });
  });

  it('refuses an oversized file without reading it, and honours --max-bytes', async () => {
    const result = await portal(['validate', 'huge.yaml'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^huge\.yaml:1: the file is 2 MB, more than the limit of 1 MB/);
    const raised = await portal(['validate', '--max-bytes', String(3 * 1024 * 1024), 'huge.yaml'], dir);
    // Now it is read, and judged as the (non-)entity it is.
    expect(raised.stdout).not.toContain('more than the limit');
    expect(raised.stdout).toContain('huge.yaml:1: apiVersion: apiVersion is required');
  });

  it('fails on paths and patterns that match nothing, and on bad options', async () => {
    const missing = await portal(['validate', 'nope.yaml', 'none/**/*.yaml'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('nope.yaml: no such file or folder');
    expect(missing.stdout).toContain('none/**/*.yaml: the pattern matches no files');
    const badFormat = await portal(['validate', '--format', 'xml', 'good'], dir);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be text or json');
    const noArgs = await portal(['validate'], dir);
    expect(noArgs.code).toBe(1);
    expect(noArgs.stderr).toContain("missing required argument 'paths'");
  });

  it('finds the shipped example organisation, templates and portal component clean under --strict', async () => {
    const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
    const result = await portal(['validate', '--strict', 'catalog-examples', 'templates', 'catalog-info.yaml'], repoRoot);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^0 errors, 0 warnings in \d+ files/);
    expect(result.code).toBe(0);
  });
});
