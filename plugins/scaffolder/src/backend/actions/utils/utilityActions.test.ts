import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext, type TestActionContext } from '../../__fixtures__/actionContext.js';
import { runTask, type LogLine } from '../../tasks/runTask.js';
import { SecureTemplater } from '../../templating/SecureTemplater.js';
import { ActionRegistry } from '../ActionRegistry.js';
import type { TemplateAction } from '../types.js';
import { catalogScaffoldedFromAction, catalogTimestampingAction } from './catalogAnnotations.js';
import { evaluateJsonata, jsonataJsonTransformAction, jsonataYamlTransformAction, serializeJsonAction, serializeYamlAction } from './dataActions.js';
import { fsAppendAction, fsParseAction, fsReadAction, fsReaddirAction, fsWriteAction } from './fileActions.js';
import { createUtilityActions } from './index.js';
import { mergeAction } from './mergeAction.js';
import { zipAction } from './zipAction.js';

let ctx: TestActionContext<unknown>;
let outside: string;

beforeAll(async () => {
  outside = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'utility-outside-'));
  await fs.promises.writeFile(path.join(outside, 'secret.txt'), 'server secret');
});
afterAll(() => fs.promises.rm(outside, { recursive: true, force: true }));
afterEach(() => ctx?.cleanup());

/** Runs one action on a fresh workspace with the given files, as a step would, its input parsed by its schema. */
async function runAction(action: TemplateAction, input: Record<string, unknown>, files: Record<string, string> = {}, options: { isDryRun?: boolean } = {}) {
  ctx = await createActionContext<unknown>(action.schema.input.parse(input), { templateInfo: { entityRef: 'template:default/orders' }, ...options });
  for (const [file, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(ctx.workspacePath, file)), { recursive: true });
    await fs.promises.writeFile(path.join(ctx.workspacePath, file), content);
  }
  await action.handler(ctx as never);
  return ctx;
}
const read = (file: string) => fs.promises.readFile(path.join(ctx.workspacePath, file), 'utf8');

describe('file actions', () => {
  it('fs:read, fs:write with preserveFormatting, fs:append', async () => {
    await runAction(fsReadAction, { path: 'a/b.txt' }, { 'a/b.txt': 'hello' });
    expect(ctx.outputs.content).toBe('hello');
    await runAction(fsWriteAction, { path: 'out/pkg.json', content: '{"name":"orders","private":true}', preserveFormatting: true });
    expect(await read('out/pkg.json')).toBe('{\n  "name": "orders",\n  "private": true\n}\n');
    expect(ctx.outputs.path).toBe('out/pkg.json');
    await runAction(fsAppendAction, { path: 'notes.md', content: 'two\n' }, { 'notes.md': 'one\n' });
    expect(await read('notes.md')).toBe('one\ntwo\n');
  });

  it('fs:readdir lists files and folders by workspace path, recursively when asked', async () => {
    const files = { 'src/index.ts': '', 'src/lib/a.ts': '', 'README.md': '' };
    await runAction(fsReaddirAction, { paths: ['.'] }, files);
    expect(ctx.outputs).toEqual({ files: [{ name: 'README.md', path: 'README.md' }], folders: [{ name: 'src', path: 'src' }] });
    await runAction(fsReaddirAction, { paths: ['src'], recursive: true }, files);
    expect(ctx.outputs.files).toEqual([
      { name: 'index.ts', path: 'src/index.ts' },
      { name: 'a.ts', path: 'src/lib/a.ts' },
    ]);
    expect(ctx.outputs.folders).toEqual([{ name: 'lib', path: 'src/lib' }]);
  });

  it('roadiehq:utils:fs:parse reads YAML, several YAML documents and JSON', async () => {
    await runAction(fsParseAction, { path: 'c.yaml', parser: 'multiyaml' }, { 'c.yaml': 'a: 1\n---\nb: [x]\n' });
    expect(ctx.outputs.content).toEqual([{ a: 1 }, { b: ['x'] }]);
    await runAction(fsParseAction, { path: 'c.json', parser: 'json' }, { 'c.json': '{"a":[1]}' });
    expect(ctx.outputs.content).toEqual({ a: [1] });
  });

  it('refuses paths that leave the workspace, through .. or a symbolic link', async () => {
    await expect(runAction(fsReadAction, { path: '../../etc/passwd' })).rejects.toThrow(/leaves the task workspace/);
    ctx = await createActionContext<unknown>({});
    await fs.promises.symlink(outside, path.join(ctx.workspacePath, 'link'));
    for (const [action, input] of [
      [fsReadAction, { path: 'link/secret.txt' }],
      [fsWriteAction, { path: 'link/new.txt', content: 'x' }],
      [fsAppendAction, { path: 'link/secret.txt', content: 'x' }],
      [fsReaddirAction, { paths: ['link'] }],
      [zipAction, { path: 'link', outputPath: 'out.zip' }],
      [mergeAction, { path: 'link/secret.json', content: {} }],
    ] as const) {
      const step = { ...ctx, input: action.schema.input.parse(input) };
      await expect(action.handler(step as never), action.id).rejects.toThrow(/leaves the task workspace/);
    }
    expect(await fs.promises.readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('server secret');
    expect(fs.existsSync(path.join(outside, 'new.txt'))).toBe(false);
  });
});

describe('roadiehq:utils:merge', () => {
  it('merges objects into JSON, replacing lists unless mergeArrays', async () => {
    const file = { 'package.json': JSON.stringify({ name: 'orders', scripts: { build: 'tsc' }, files: ['dist'] }) };
    await runAction(mergeAction, { path: 'package.json', content: { scripts: { test: 'vitest' }, files: ['src'] } }, file);
    expect(JSON.parse(await read('package.json'))).toEqual({ name: 'orders', scripts: { build: 'tsc', test: 'vitest' }, files: ['src'] });
    await runAction(mergeAction, { path: 'package.json', content: '{"files":["src"]}', mergeArrays: true }, file);
    expect(JSON.parse(await read('package.json')).files).toEqual(['dist', 'src']);
  });

  it('merges YAML text into YAML, keeping comments when asked', async () => {
    const file = { 'app.yaml': '# the service\nname: orders # its name\nports:\n  - 8080\n' };
    await runAction(mergeAction, { path: 'app.yaml', content: 'replicas: 2\nports: [9090]\n', mergeArrays: true, preserveYamlComments: true }, file);
    const merged = await read('app.yaml');
    expect(merged).toContain('# the service');
    expect(merged).toContain('# its name');
    expect(yaml.load(merged)).toEqual({ name: 'orders', ports: [8080, 9090], replicas: 2 });
    await runAction(mergeAction, { path: 'app.yaml', content: { ports: [1] } }, file);
    expect(yaml.load(await read('app.yaml'))).toEqual({ name: 'orders', ports: [1] });
  });

  it('does not let a __proto__ key reach the prototype', async () => {
    await runAction(mergeAction, { path: 'a.json', content: '{"__proto__":{"polluted":true},"x":1}' }, { 'a.json': '{}' });
    expect(JSON.parse(await read('a.json'))).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('JSONata', () => {
  it('evaluates over the data, and transforms YAML and JSON files', async () => {
    expect(await evaluateJsonata('$sum(items.price)', { items: [{ price: 2 }, { price: 3 }] })).toBe(5);
    expect(
      await evaluateJsonata('items[price > 2].name', {
        items: [
          { name: 'a', price: 2 },
          { name: 'b', price: 3 },
          { name: 'c', price: 4 },
        ],
      }),
    ).toEqual(['b', 'c']);
    await runAction(
      jsonataYamlTransformAction,
      { path: 'in.yaml', expression: '$merge([$, {"replicas": replicas * 2}])', writeOutputPath: 'out.yaml' },
      { 'in.yaml': 'name: x\nreplicas: 2\n' },
    );
    expect(yaml.load(await read('out.yaml'))).toEqual({ name: 'x', replicas: 4 });
    expect(ctx.outputs.result).toBe('name: x\nreplicas: 4\n');
    await runAction(
      jsonataJsonTransformAction,
      { path: 'in.json', expression: 'dependencies ~> $keys()', space: 0 },
      { 'in.json': '{"dependencies":{"a":"1","b":"2"}}' },
    );
    expect(ctx.outputs.result).toBe('["a","b"]');
  });

  it('cannot reach the process through constructors, $eval or prototypes', async () => {
    const escapes = [
      'constructor.constructor("return process")()',
      '$.constructor.constructor("return process.env")()',
      '$eval("constructor.constructor(\'return process\')()")',
      '$lookup($, "constructor")',
      '__proto__',
      '$string.constructor("return process")()',
      '(function($x){$x}).constructor',
      '$keys($.__proto__)',
    ];
    for (const expression of escapes) {
      const result = await evaluateJsonata(expression, { name: 'x' }).catch((error: Error) => error);
      // Either nothing or a JSONata error; never a function, never the process.
      if (result instanceof Error) expect(result.message, expression).toMatch(/JSONata/);
      else expect(result, expression).toBeUndefined();
    }
  });

  it('stops an expression that runs too long or recurses too deep', async () => {
    await expect(evaluateJsonata('($f := function($n){ $n > 0 ? 1 + $f($n - 1) : 0 }; $f(100000))', {})).rejects.toThrow(/nests deeper than 300/);
    const started = Date.now();
    await expect(evaluateJsonata('[1..5000].([1..5000].($ * 2))', {}, { timeout: 200, stack: 300, sequence: 100_000_000 })).rejects.toThrow(
      /ran longer than 200 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(evaluateJsonata('$sum(', {})).rejects.toThrow(/not valid/);
  });

  it('serialises data as YAML and JSON', async () => {
    await runAction(serializeYamlAction, { data: { a: [1, 'b'] } });
    expect(ctx.outputs.serialized).toBe('a:\n  - 1\n  - b\n');
    await runAction(serializeJsonAction, { data: { a: 1 }, space: 2 });
    expect(ctx.outputs.serialized).toBe('{\n  "a": 1\n}');
  });
});

describe('roadiehq:utils:zip and the catalog annotations', () => {
  it('zips a folder into the workspace', async () => {
    await runAction(zipAction, { path: 'site', outputPath: 'dist/site.zip' }, { 'site/index.html': '<h1>hi</h1>', 'site/css/a.css': 'a{}' });
    const entries = unzipSync(new Uint8Array(await fs.promises.readFile(path.join(ctx.workspacePath, 'dist/site.zip'))));
    expect(Object.keys(entries).sort()).toEqual(['css/a.css', 'index.html']);
    expect(strFromU8(entries['index.html']!)).toBe('<h1>hi</h1>');
  });

  it('catalog:timestamping and catalog:scaffolded-from change every entity of the file', async () => {
    const catalogInfo =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\n  annotations:\n    a: b\nspec:\n  type: service\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\n';
    const before = Date.now();
    await runAction(catalogTimestampingAction, {}, { 'catalog-info.yaml': catalogInfo });
    const stamped = yaml.loadAll(await read('catalog-info.yaml')) as Array<{ metadata: { annotations: Record<string, string> } }>;
    expect(stamped).toHaveLength(2);
    expect(stamped[0]!.metadata.annotations.a).toBe('b');
    expect(Date.parse(stamped[1]!.metadata.annotations['backstage.io/createdAt']!)).toBeGreaterThanOrEqual(before - 1000);
    await runAction(catalogScaffoldedFromAction, { entityFilePath: 'catalog-info.yaml' }, { 'catalog-info.yaml': catalogInfo });
    const from = yaml.loadAll(await read('catalog-info.yaml')) as Array<{ spec: Record<string, string> }>;
    expect(from.map(entity => entity.spec)).toEqual([
      { type: 'service', scaffoldedFrom: 'template:default/orders' },
      { scaffoldedFrom: 'template:default/orders' },
    ]);
  });
});

describe('a template using the utility actions', () => {
  it('runs the same in a real run and a dry run', async () => {
    const templater = await SecureTemplater.create();
    const actions = new ActionRegistry(createUtilityActions({ baseUrl: 'http://127.0.0.1:1', userTokens: { issue: () => 'unused' } }));
    const steps = [
      { id: 'write', action: 'roadiehq:utils:fs:write', input: { path: 'package.json', content: '{"name":"${{ parameters.name }}"}' } },
      { id: 'merge', action: 'roadiehq:utils:merge', input: { path: '${{ steps.write.output.path }}', content: { scripts: { test: 'vitest' } } } },
      { id: 'keys:of', action: 'roadiehq:utils:jsonata:json:transform', input: { path: 'package.json', expression: '$keys($)' } },
      { id: 'catalog', action: 'fs:write', input: { path: 'catalog-info.yaml', content: 'kind: Component\nmetadata:\n  name: ${{ parameters.name }}\n' } },
      { id: 'from', action: 'catalog:scaffolded-from', input: {} },
      { id: 'read', action: 'fs:read', input: { path: 'catalog-info.yaml' } },
    ];
    try {
      for (const dryRun of [false, true]) {
        const workspacePath = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'utility-template-'));
        const log: LogLine[] = [];
        const result = await runTask({
          taskId: 't',
          spec: {
            apiVersion: 'scaffolder.backstage.io/v1beta3',
            templateInfo: { entityRef: 'template:default/utilities' },
            parameters: { name: 'orders' },
            steps,
            output: { keys: "${{ steps['keys:of'].output.result }}", catalog: '${{ steps.read.output.content }}' },
          },
          secrets: {},
          actions,
          templater,
          workspacePath,
          scratchPath: workspacePath,
          signal: new AbortController().signal,
          dryRun,
          log: line => log.push(line),
        });
        expect(result.error, JSON.stringify(log)).toBeUndefined();
        expect(result.output).toEqual({ keys: '["name","scripts"]', catalog: expect.stringContaining('scaffoldedFrom: template:default/utilities') });
        await fs.promises.rm(workspacePath, { recursive: true, force: true });
      }
    } finally {
      templater.dispose();
    }
  });
});
