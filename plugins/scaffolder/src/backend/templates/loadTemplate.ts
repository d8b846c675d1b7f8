import { InputError, NotFoundError } from '@portal/backend-common';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { z } from 'zod';
import type { ScaffolderCatalogClient } from '../catalogClient.js';
import type { TaskSpec } from '../tasks/database/tables.js';

const stepSchema = z.object({
  // Any non-empty string, as in Backstage: `fetch:base` is a common id, read as steps['fetch:base'].
  id: z.string().min(1, 'a step id may not be empty').optional(),
  name: z.string().optional(),
  action: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
  if: z.unknown().optional(),
  each: z.unknown().optional(),
});

const templateSpecSchema = z.object({
  type: z.string().optional(),
  owner: z.string().optional(),
  parameters: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]).optional(),
  steps: z.array(stepSchema).default([]),
  output: z.record(z.string(), z.unknown()).optional(),
  EXPERIMENTAL_recovery: z.object({ EXPERIMENTAL_strategy: z.enum(['none', 'startOver']).optional() }).optional(),
});

export type TemplateSpec = z.output<typeof templateSpecSchema>;

export interface LoadedTemplate {
  entity: Entity;
  entityRef: string;
  spec: TemplateSpec;
  /** The parameter pages: one schema object per page. */
  pages: Array<Record<string, unknown>>;
  /** The template file's location (`url:…` / `file:…` stripped), for relative `url`s. */
  baseUrl?: string;
}

export const TEMPLATE_API_VERSION = 'scaffolder.backstage.io/v1beta3';

/** Reads a template from the catalog and checks that it is one this engine can run. */
export async function loadTemplate(catalog: Pick<ScaffolderCatalogClient, 'getEntityByRef'>, templateRef: string): Promise<LoadedTemplate> {
  let entityRef: string;
  try {
    entityRef = stringifyEntityRef(parseEntityRef(templateRef, { defaultKind: 'template', defaultNamespace: 'default' }));
  } catch {
    throw new InputError(`The template reference "${templateRef}" is not valid`);
  }
  const entity = await catalog.getEntityByRef(entityRef);
  if (!entity || entity.kind.toLowerCase() !== 'template') {
    const { namespace, name } = parseEntityRef(entityRef);
    throw new NotFoundError(`No template named ${name} in namespace ${namespace}`);
  }
  if (entity.apiVersion !== TEMPLATE_API_VERSION) {
    throw new InputError(`The template ${entityRef} has apiVersion ${entity.apiVersion}; only ${TEMPLATE_API_VERSION} is supported`);
  }
  const parsed = templateSpecSchema.safeParse(entity.spec ?? {});
  if (!parsed.success) {
    throw new InputError(`The template ${entityRef} is not valid: ${parsed.error.issues.map(i => `spec.${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const spec = parsed.data;
  const pages = spec.parameters === undefined ? [] : Array.isArray(spec.parameters) ? spec.parameters : [spec.parameters];
  const location = entity.metadata.annotations?.['backstage.io/managed-by-location'];
  const baseUrl = location?.replace(/^(url|file):/, '');
  return { entity, entityRef, spec, pages, baseUrl };
}

/** What a task stores: the template's steps and output, fixed at creation time. */
export function taskSpecOf(template: LoadedTemplate, values: Record<string, unknown>, userRef: string | undefined): TaskSpec {
  return {
    apiVersion: TEMPLATE_API_VERSION,
    templateInfo: { entityRef: template.entityRef, baseUrl: template.baseUrl },
    parameters: values,
    steps: template.spec.steps.map((step, index) => ({ ...step, id: step.id ?? `step-${index + 1}` })),
    output: template.spec.output ?? {},
    user: userRef ? { ref: userRef } : undefined,
    recovery: { strategy: template.spec.EXPERIMENTAL_recovery?.EXPERIMENTAL_strategy === 'startOver' ? 'startOver' : 'none' },
  };
}
