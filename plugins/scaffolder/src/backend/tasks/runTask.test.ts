import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { debugLogAction } from '../actions/builtin/debug.js';
import { createTemplateAction } from '../actions/types.js';
import { SecureTemplater } from '../templating/SecureTemplater.js';
import type { TaskSpec, TaskStep } from './database/tables.js';
import { runTask, type LogLine } from './runTask.js';

const echo = createTemplateAction({
  id: 'test:echo',
  description: 'Outputs its input',
  supportsDryRun: true,
  schema: { input: z.object({ value: z.unknown(), count: z.number().optional() }) },
  async handler(ctx) {
    ctx.output('value', ctx.input.value);
  },
});
const sideEffect = createTemplateAction({
  id: 'test:side-effect',
  description: 'Not for dry runs',
  supportsDryRun: false,
  schema: { input: z.object({}) },
  async handler(ctx) {
    ctx.output('done', true);
  },
});

let templater: SecureTemplater;
let dir: string;
beforeAll(async () => {
  templater = await SecureTemplater.create();
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'run-task-'));
});
afterAll(async () => {
  templater.dispose();
  await fs.promises.rm(dir, { recursive: true, force: true });
});

async function run(steps: TaskStep[], options: { dryRun?: boolean; output?: Record<string, unknown>; parameters?: Record<string, unknown> } = {}) {
  const log: LogLine[] = [];
  const spec: TaskSpec = {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    templateInfo: { entityRef: 'template:default/t' },
    parameters: options.parameters ?? { items: ['a', 'b'], on: true, n: 2 },
    steps,
    output: options.output ?? {},
  };
  const result = await runTask({
    taskId: 't1',
    spec,
    secrets: { token: 'hunter22' },
    actions: new ActionRegistry([echo, sideEffect, debugLogAction]),
    templater,
    workspacePath: dir,
    scratchPath: dir,
    user: {
      ref: 'user:default/jane',
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'jane' }, spec: { profile: { email: 'jane@example.com' } } },
    },
    signal: new AbortController().signal,
    dryRun: options.dryRun ?? false,
    log: line => log.push(line),
  });
  return { result, log };
}

describe('runTask', () => {
  it('runs each, if and step outputs, and renders the output with their types', async () => {
    const { result } = await run(
      [
        { id: 'many', action: 'test:echo', each: '${{ parameters.items }}', input: { value: '${{ each.value }}-${{ each.key }}' } },
        { id: 'skipped', action: 'test:echo', if: '${{ not parameters.on }}', input: { value: 1 } },
        { id: 'typed', action: 'test:echo', input: { value: '${{ parameters.n }}', count: '${{ parameters.n }}' } },
        { id: 'user', action: 'test:echo', input: { value: '${{ user.entity.spec.profile.email }} ${{ user.ref }}' } },
      ],
      { output: { many: "${{ steps['many'].output.value }}", n: '${{ steps.typed.output.value }}', user: '${{ steps.user.output.value }}' } },
    );
    expect(result.status).toBe('completed');
    expect(result.output).toEqual({ many: ['a-0', 'b-1'], n: 2, user: 'jane@example.com user:default/jane' });
    expect(result.state.skipped?.status).toBe('skipped');
  });

  it('fails on input the action’s schema refuses, and skips the steps after it', async () => {
    const { result } = await run([
      { id: 'bad', action: 'test:echo', input: { count: 'not a number' } },
      { id: 'after', action: 'test:echo', input: {} },
    ]);
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/Invalid input for test:echo in step bad: .*count: Invalid input: expected number/);
    expect(result.state.bad?.status).toBe('failed');
    expect(result.state.after?.status).toBe('skipped');
  });

  it('fails on an unknown action with a clear message', async () => {
    const { result } = await run([{ id: 'x', action: 'nope:nothing', input: {} }]);
    expect(result.error?.message).toMatch(/There is no action "nope:nothing"/);
  });

  it('skips actions without dry-run support in a dry run', async () => {
    const { result, log } = await run([{ id: 'side', action: 'test:side-effect', input: {} }], {
      dryRun: true,
      output: { done: '${{ steps.side.output.done }}' },
    });
    expect(result.status).toBe('completed');
    expect(result.output).toEqual({});
    expect(log.map(l => l.message)).toContain('Skipping test:side-effect in a dry run: it does not support dry runs');
  });

  it('accepts any step id, read back with steps[...]', async () => {
    const { result } = await run(
      [
        { id: 'fetch:base', action: 'test:echo', input: { value: 'base' } },
        { id: 'use it', action: 'test:echo', input: { value: "${{ steps['fetch:base'].output.value }}-2" } },
      ],
      { output: { got: "${{ steps['use it'].output.value }}" } },
    );
    expect(result.status).toBe('completed');
    expect(result.state['fetch:base']?.status).toBe('completed');
    expect(result.output).toEqual({ got: 'base-2' });
  });

  it('runs the steps it has in a dry run and skips those whose action is missing, saying why', async () => {
    const { result, log } = await run(
      [
        { id: 'first', action: 'test:echo', input: { value: 1 } },
        { id: 'missing', action: 'acme:deploy', input: {} },
        { id: 'after', action: 'test:echo', input: { value: 2 } },
      ],
      { dryRun: true, output: { after: '${{ steps.after.output.value }}' } },
    );
    expect(result.status).toBe('completed');
    expect(result.state.missing?.status).toBe('skipped');
    expect(result.state.after?.status).toBe('completed');
    expect(result.output).toEqual({ after: 2 });
    expect(log.find(l => l.stepId === 'missing')).toMatchObject({
      level: 'warn',
      message: 'Skipping step missing in a dry run: this portal has no action acme:deploy',
    });
  });

  it('masks secrets in logs and errors', async () => {
    const { result, log } = await run([
      { id: 'log', action: 'debug:log', input: { message: 'the token is ${{ secrets.token }}' } },
      { id: 'bad', action: 'test:echo', input: { count: '${{ secrets.token }}' } },
    ]);
    expect(log.map(l => l.message)).toContain('the token is ***');
    expect(JSON.stringify({ result, log })).not.toContain('hunter22');
  });
});
