import { InputError } from '@portal/backend-common';
import yaml from 'js-yaml';
import jsonata from 'jsonata';
import { z } from 'zod';
import { createTemplateAction, type TemplateAction } from '../types.js';
import { writeWorkspaceFile } from '../workspacePaths.js';
import { readWorkspaceText } from './fileActions.js';

/** Bounds on one JSONata evaluation: it is code a template author wrote, run in this process. */
export const JSONATA_LIMITS = { timeout: 2000, stack: 300, sequence: 100_000 };

/**
 * Evaluates a JSONata expression over plain data. JSONata has no access to Node: it sees only the
 * data and its own function library, reads only own properties (so `constructor` is nothing), and
 * here it also stops after `timeout` ms or `stack` nested evaluations. Its regular expressions
 * are the engine's own, so one pathological pattern can still run long within a single step.
 */
export async function evaluateJsonata(expression: string, data: unknown, limits = JSONATA_LIMITS): Promise<unknown> {
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression, limits);
  } catch (error) {
    throw new InputError(`The JSONata expression is not valid: ${(error as Error).message}`);
  }
  let result: unknown;
  try {
    // Plain data in: whatever the template passed is JSON already, and stays so.
    result = await compiled.evaluate(JSON.parse(JSON.stringify(data ?? null)));
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'D1012') throw new InputError(`The JSONata expression ran longer than ${limits.timeout} ms`);
    if (code === 'D1011') throw new InputError(`The JSONata expression nests deeper than ${limits.stack} levels`);
    throw new InputError(`The JSONata expression failed: ${message ?? code ?? String(error)}`);
  }
  // A JSONata sequence is an array with extra properties; the step's output is plain JSON.
  return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
}

const yamlDumpOptions = z
  .object({
    indent: z.number().int().min(1).max(8).optional(),
    noArrayIndent: z.boolean().optional(),
    lineWidth: z.number().int().optional(),
    sortKeys: z.boolean().optional(),
  })
  .strict()
  .optional();

export const jsonataAction = createTemplateAction({
  id: 'roadiehq:utils:jsonata',
  description: 'Evaluates a JSONata expression over the given data.',
  supportsDryRun: true,
  schema: { input: z.object({ data: z.unknown(), expression: z.string().min(1) }), output: z.object({ result: z.unknown() }) },
  async handler(ctx) {
    ctx.output('result', await evaluateJsonata(ctx.input.expression, ctx.input.data));
  },
});

export const jsonataYamlTransformAction = createTemplateAction({
  id: 'roadiehq:utils:jsonata:yaml:transform',
  description: 'Transforms a workspace YAML file with a JSONata expression; writes the result to writeOutputPath when given.',
  supportsDryRun: true,
  schema: {
    input: z.object({ path: z.string().min(1), expression: z.string().min(1), options: yamlDumpOptions, writeOutputPath: z.string().min(1).optional() }),
    output: z.object({ result: z.string() }),
  },
  async handler(ctx) {
    const data = yaml.load(await readWorkspaceText(ctx.workspacePath, ctx.input.path), { schema: yaml.JSON_SCHEMA });
    const result = yaml.dump(await evaluateJsonata(ctx.input.expression, data), { ...ctx.input.options });
    if (ctx.input.writeOutputPath) await writeWorkspaceFile(ctx.workspacePath, ctx.input.writeOutputPath, result);
    ctx.output('result', result);
  },
});

export const jsonataJsonTransformAction = createTemplateAction({
  id: 'roadiehq:utils:jsonata:json:transform',
  description: 'Transforms a workspace JSON file with a JSONata expression; writes the result to writeOutputPath when given.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      path: z.string().min(1),
      expression: z.string().min(1),
      space: z.union([z.number().int().min(0).max(10), z.string().max(10)]).optional(),
      writeOutputPath: z.string().min(1).optional(),
    }),
    output: z.object({ result: z.string() }),
  },
  async handler(ctx) {
    let data: unknown;
    try {
      data = JSON.parse(await readWorkspaceText(ctx.workspacePath, ctx.input.path));
    } catch (error) {
      if (error instanceof SyntaxError) throw new InputError(`${ctx.input.path} is not JSON: ${error.message}`);
      throw error;
    }
    const result = JSON.stringify(await evaluateJsonata(ctx.input.expression, data), null, ctx.input.space) ?? '';
    if (ctx.input.writeOutputPath) await writeWorkspaceFile(ctx.workspacePath, ctx.input.writeOutputPath, result);
    ctx.output('result', result);
  },
});

export const serializeYamlAction = createTemplateAction({
  id: 'roadiehq:utils:serialize:yaml',
  description: 'Writes data as YAML text.',
  supportsDryRun: true,
  schema: { input: z.object({ data: z.unknown(), options: yamlDumpOptions }), output: z.object({ serialized: z.string() }) },
  async handler(ctx) {
    ctx.output('serialized', yaml.dump(ctx.input.data ?? null, { ...ctx.input.options }));
  },
});

export const serializeJsonAction = createTemplateAction({
  id: 'roadiehq:utils:serialize:json',
  description: 'Writes data as JSON text.',
  supportsDryRun: true,
  schema: {
    input: z.object({ data: z.unknown(), space: z.union([z.number().int().min(0).max(10), z.string().max(10)]).optional() }),
    output: z.object({ serialized: z.string() }),
  },
  async handler(ctx) {
    ctx.output('serialized', JSON.stringify(ctx.input.data ?? null, null, ctx.input.space));
  },
});

export const dataActions: TemplateAction[] = [
  jsonataAction,
  jsonataYamlTransformAction,
  jsonataJsonTransformAction,
  serializeYamlAction,
  serializeJsonAction,
] as TemplateAction[];
