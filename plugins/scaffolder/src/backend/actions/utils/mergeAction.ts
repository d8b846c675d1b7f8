import { InputError } from '@portal/backend-common';
import yaml from 'js-yaml';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { writeWorkspaceFile } from '../workspacePaths.js';
import { readWorkspaceText } from './fileActions.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `addition` laid over `base`: objects merge key by key; lists are replaced, or appended to with mergeArrays. */
export function deepMerge(base: unknown, addition: unknown, mergeArrays: boolean): unknown {
  if (isObject(base) && isObject(addition)) {
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(addition)) {
      // A key named __proto__ from parsed text would change the object's prototype on assignment.
      if (key === '__proto__') continue;
      out[key] = Object.hasOwn(base, key) ? deepMerge(base[key], value, mergeArrays) : value;
    }
    return out;
  }
  if (mergeArrays && Array.isArray(base) && Array.isArray(addition)) return [...base, ...addition];
  return addition;
}

/** The same merge applied to a YAML document node by node, so untouched keys keep their comments. */
function mergeIntoDocument(doc: Document, path: unknown[], addition: unknown, mergeArrays: boolean): void {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (isObject(addition) && isMap(node)) {
    for (const [key, value] of Object.entries(addition)) {
      if (key !== '__proto__') mergeIntoDocument(doc, [...path, key], value, mergeArrays);
    }
    return;
  }
  if (mergeArrays && Array.isArray(addition) && isSeq(node)) {
    for (const item of addition) node.add(doc.createNode(item));
    return;
  }
  if (path.length === 0) doc.contents = doc.createNode(addition) as Document['contents'];
  else doc.setIn(path, doc.createNode(addition));
}

export const mergeAction = createTemplateAction({
  id: 'roadiehq:utils:merge',
  description: 'Merges JSON or YAML content into a JSON or YAML file of the workspace.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      path: z.string().min(1),
      content: z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).describe('Text in the file’s format, or data'),
      mergeArrays: z.boolean().default(false).describe('Append to lists instead of replacing them'),
      preserveYamlComments: z.boolean().default(false),
      options: z.object({ indent: z.number().int().min(1).max(8).optional(), lineWidth: z.number().int().optional() }).optional(),
    }),
    output: z.object({ path: z.string() }),
  },
  async handler(ctx) {
    const { path: target, mergeArrays } = ctx.input;
    const isJson = /\.json$/i.test(target);
    if (!isJson && !/\.ya?ml$/i.test(target)) throw new InputError(`roadiehq:utils:merge merges .json, .yaml and .yml files, not ${target}`);
    const text = await readWorkspaceText(ctx.workspacePath, target);
    let addition: unknown = ctx.input.content;
    try {
      if (typeof addition === 'string') addition = isJson ? JSON.parse(addition) : yaml.load(addition, { schema: yaml.JSON_SCHEMA });
    } catch (error) {
      throw new InputError(`The content to merge into ${target} is not ${isJson ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
    }
    let merged: string;
    if (isJson) {
      merged = `${JSON.stringify(deepMerge(JSON.parse(text), addition, mergeArrays), null, ctx.input.options?.indent ?? 2)}\n`;
    } else if (ctx.input.preserveYamlComments) {
      const doc = parseDocument(text);
      mergeIntoDocument(doc, [], addition, mergeArrays);
      merged = doc.toString({
        ...(ctx.input.options?.indent ? { indent: ctx.input.options.indent } : {}),
        ...(ctx.input.options?.lineWidth ? { lineWidth: ctx.input.options.lineWidth } : {}),
      });
    } else {
      merged = yaml.dump(deepMerge(yaml.load(text, { schema: yaml.JSON_SCHEMA }), addition, mergeArrays), { ...ctx.input.options });
    }
    await writeWorkspaceFile(ctx.workspacePath, target, merged);
    ctx.logger.info(`Merged into ${target}`);
    ctx.output('path', target);
  },
});
