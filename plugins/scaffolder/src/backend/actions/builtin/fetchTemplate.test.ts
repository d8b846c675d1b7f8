import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitReader } from '@portal/git';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext } from '../../__fixtures__/actionContext.js';
import { createFetchTemplateAction } from './fetch.js';

let root: string;
let reader: GitReader;
const WORKFLOW = 'on: push\njobs:\n  build:\n    steps:\n      - run: echo ${{ github.sha }}\n';

beforeAll(async () => {
  root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'fetch-template-'));
  const skeleton = path.join(root, 'template', 'skeleton');
  const files: Record<string, string> = {
    '.github/workflows/ci.yaml': WORKFLOW,
    '.github/CODEOWNERS': '* ${{ values.owner }}\n',
    'config/app.yaml': 'name: ${{ values.name }}\n',
    'README.md': '# ${{ values.name }}\n',
  };
  for (const [file, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(skeleton, file)), { recursive: true });
    await fs.promises.writeFile(path.join(skeleton, file), content);
  }
  reader = new GitReader({ cacheDir: path.join(root, 'cache'), integrations: [] });
});
afterAll(() => fs.promises.rm(root, { recursive: true, force: true }));

async function fetchWith(extra: Record<string, unknown>) {
  const ctx = await createActionContext(
    {
      url: './skeleton',
      targetPath: './',
      values: { name: 'orders', owner: '@acme/team' },
      copyWithoutTemplating: [],
      cookiecutterCompat: false,
      replace: false,
      ...extra,
    },
    { templateInfo: { entityRef: 'template:default/t', baseUrl: `file:${path.join(root, 'template', 'template.yaml')}` } },
  );
  try {
    await createFetchTemplateAction(reader).handler(ctx as never);
    const read = (file: string) => fs.promises.readFile(path.join(ctx.workspacePath, file), 'utf8');
    return {
      workflow: await read('.github/workflows/ci.yaml'),
      codeowners: await read('.github/CODEOWNERS'),
      app: await read('config/app.yaml'),
      readme: await read('README.md'),
      logs: ctx.logs,
    };
  } finally {
    await ctx.cleanup();
  }
}

describe('fetch:template copyWithoutTemplating', () => {
  it('renders everything when no pattern is given, which is what breaks GitHub Actions files', async () => {
    const out = await fetchWith({});
    expect(out.workflow).toContain('run: echo \n');
    expect(out.readme).toBe('# orders\n');
  });

  it.each(['.github/workflows/', '.github/workflows', './.github/workflows/', '.github/workflows/*', '.github/workflows/**'])(
    'copies the folder pattern %s as it is and renders the rest',
    async pattern => {
      const out = await fetchWith({ copyWithoutTemplating: [pattern] });
      expect(out.workflow).toBe(WORKFLOW);
      expect(out.codeowners).toBe('* @acme/team\n');
      expect(out.readme).toBe('# orders\n');
    },
  );

  it('matches globs at any depth, relative to the skeleton', async () => {
    const out = await fetchWith({ copyWithoutTemplating: ['**/*.yaml'] });
    expect(out.workflow).toBe(WORKFLOW);
    expect(out.app).toBe('name: ${{ values.name }}\n');
    expect(out.readme).toBe('# orders\n');
  });

  it('does not let a folder pattern cover a folder that merely starts with the same name', async () => {
    const out = await fetchWith({ copyWithoutTemplating: ['.github/work'] });
    expect(out.workflow).toContain('run: echo \n');
  });

  it('honours copyWithoutRender with a deprecation warning', async () => {
    const out = await fetchWith({ copyWithoutRender: ['.github/'] });
    expect(out.workflow).toBe(WORKFLOW);
    expect(out.codeowners).toBe('* ${{ values.owner }}\n');
    expect(out.logs).toContain('copyWithoutRender is deprecated: use copyWithoutTemplating, which means the same');
  });
});
