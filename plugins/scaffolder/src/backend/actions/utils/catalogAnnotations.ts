import { InputError } from '@portal/backend-common';
import yaml from 'js-yaml';
import { z } from 'zod';
import { createTemplateAction, type ActionContext, type TemplateAction } from '../types.js';
import { writeWorkspaceFile } from '../workspacePaths.js';
import { readWorkspaceText } from './fileActions.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const annotateInput = z.object({
  entityFilePath: z.string().min(1).default('catalog-info.yaml').describe('The catalog file in the workspace'),
  objectYaml: z.record(z.string(), z.unknown()).optional().describe('An entity to change instead of the file'),
  writeToFile: z.string().min(1).optional().describe('Where to write the result; the entity file by default'),
});
type AnnotateInput = z.output<typeof annotateInput>;

/** Changes every entity of the catalog file (or objectYaml) and writes them back. */
async function annotateEntities(ctx: ActionContext<AnnotateInput>, change: (entity: Json) => Json): Promise<void> {
  const { entityFilePath, objectYaml, writeToFile } = ctx.input;
  const documents = objectYaml
    ? [objectYaml]
    : yaml.loadAll(await readWorkspaceText(ctx.workspacePath, entityFilePath), undefined, { schema: yaml.JSON_SCHEMA });
  const entities = documents.filter(isObject);
  if (entities.length === 0) throw new InputError(`${objectYaml ? 'objectYaml' : entityFilePath} holds no entity`);
  const changed = entities.map(change);
  if (!objectYaml || writeToFile) {
    await writeWorkspaceFile(ctx.workspacePath, writeToFile ?? entityFilePath, changed.map(entity => yaml.dump(entity)).join('---\n'));
  }
  ctx.output('annotatedObject', changed.length === 1 ? changed[0] : changed);
}

export const catalogTimestampingAction = createTemplateAction({
  id: 'catalog:timestamping',
  description: 'Adds the backstage.io/createdAt annotation, the time of the run, to the entities of a catalog file.',
  supportsDryRun: true,
  schema: { input: annotateInput, output: z.object({ annotatedObject: z.unknown() }) },
  async handler(ctx) {
    const createdAt = new Date().toISOString();
    await annotateEntities(ctx, entity => {
      const metadata = isObject(entity.metadata) ? entity.metadata : {};
      const annotations = isObject(metadata.annotations) ? metadata.annotations : {};
      return { ...entity, metadata: { ...metadata, annotations: { ...annotations, 'backstage.io/createdAt': createdAt } } };
    });
  },
});

export const catalogScaffoldedFromAction = createTemplateAction({
  id: 'catalog:scaffolded-from',
  description: 'Sets spec.scaffoldedFrom to the running template’s reference in the entities of a catalog file.',
  supportsDryRun: true,
  schema: { input: annotateInput, output: z.object({ annotatedObject: z.unknown() }) },
  async handler(ctx) {
    const templateRef = ctx.templateInfo?.entityRef;
    if (!templateRef) throw new InputError('catalog:scaffolded-from needs to run from a template');
    await annotateEntities(ctx, entity => ({ ...entity, spec: { ...(isObject(entity.spec) ? entity.spec : {}), scaffoldedFrom: templateRef } }));
  },
});

export const catalogAnnotationActions: TemplateAction[] = [catalogTimestampingAction, catalogScaffoldedFromAction] as TemplateAction[];
