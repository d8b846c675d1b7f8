import { InputError, NotFoundError } from '@portal/backend-common';
import { stringifyEntityRef, type Entity } from '@portal/catalog-model';
import yaml from 'js-yaml';
import { z } from 'zod';
import type { ScaffolderCatalogClient } from '../../catalogClient.js';
import { createTemplateAction } from '../types.js';
import { writeWorkspaceFile } from '../workspacePaths.js';

/** Backstage's rule for the output: the first entity that is not a Location, else the first. */
function mainEntity(entities: Entity[]): Entity | undefined {
  return entities.find(entity => entity.kind.toLowerCase() !== 'location') ?? entities[0];
}

export function createCatalogRegisterAction(catalog: ScaffolderCatalogClient) {
  return createTemplateAction({
    id: 'catalog:register',
    description: 'Registers a catalog-info file (by URL) in the software catalog.',
    supportsDryRun: false,
    schema: {
      input: z.union([
        z.object({ catalogInfoUrl: z.string().url(), optional: z.boolean().default(false) }),
        z.object({
          repoContentsUrl: z.string().url(),
          catalogInfoPath: z.string().default('/catalog-info.yaml'),
          optional: z.boolean().default(false),
        }),
      ]),
      output: z.object({ entityRef: z.string().optional(), catalogInfoUrl: z.string() }),
    },
    async handler(ctx) {
      const input = ctx.input;
      const catalogInfoUrl =
        'catalogInfoUrl' in input ? input.catalogInfoUrl : `${input.repoContentsUrl.replace(/\/+$/, '')}/${input.catalogInfoPath.replace(/^\/+/, '')}`;
      ctx.logger.info(`Registering ${catalogInfoUrl} in the catalog`);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      try {
        const result = await catalog.addLocation({ type: 'url', target: catalogInfoUrl });
        const entity = mainEntity(result.entities);
        if (!entity) {
          // A name already taken elsewhere, or a broken file: the run must not look like a success.
          const reasons = (result.errors ?? []).map(e => e.message);
          throw new Error(`Registering ${catalogInfoUrl} added nothing to the catalog${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`);
        }
        const entityRef = stringifyEntityRef(entity);
        ctx.output('entityRef', entityRef);
        ctx.logger.info(`Registered ${entityRef}`);
      } catch (error) {
        if (!input.optional) throw error;
        ctx.logger.warn(`Registration failed and is optional: ${(error as Error).message}`);
      }
    },
  });
}

export const catalogWriteAction = createTemplateAction({
  id: 'catalog:write',
  description: 'Writes a catalog-info.yaml file into the workspace.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      filePath: z.string().default('catalog-info.yaml'),
      entity: z.record(z.string(), z.unknown()),
    }),
  },
  async handler(ctx) {
    await writeWorkspaceFile(ctx.workspacePath, ctx.input.filePath, yaml.dump(ctx.input.entity, { noRefs: true, lineWidth: -1 }));
    ctx.logger.info(`Wrote ${ctx.input.filePath}`);
  },
});

export function createCatalogFetchAction(catalog: ScaffolderCatalogClient) {
  return createTemplateAction({
    id: 'catalog:fetch',
    description: 'Reads entities from the catalog by reference.',
    supportsDryRun: true,
    schema: {
      input: z
        .object({
          entityRef: z.string().optional(),
          entityRefs: z.array(z.string()).optional(),
          optional: z.boolean().default(false),
          defaultKind: z.string().optional(),
          defaultNamespace: z.string().optional(),
        })
        .refine(input => Boolean(input.entityRef) !== Boolean(input.entityRefs), 'give exactly one of entityRef and entityRefs'),
      output: z.object({ entity: z.unknown().optional(), entities: z.array(z.unknown()).optional() }),
    },
    async handler(ctx) {
      const { defaultKind, defaultNamespace = 'default', optional } = ctx.input;
      const qualify = (ref: string) => {
        let full = ref;
        if (!full.includes(':')) {
          if (!defaultKind) throw new InputError(`The entity reference "${ref}" has no kind and no defaultKind was given`);
          full = `${defaultKind}:${full}`;
        }
        if (!full.includes('/')) full = full.replace(':', `:${defaultNamespace}/`);
        return full;
      };
      const fetchOne = async (ref: string) => {
        const entity = await catalog.getEntityByRef(qualify(ref));
        if (!entity && !optional) throw new NotFoundError(`The entity ${ref} was not found in the catalog`);
        return entity ?? null;
      };
      if (ctx.input.entityRef) ctx.output('entity', await fetchOne(ctx.input.entityRef));
      if (ctx.input.entityRefs) ctx.output('entities', await Promise.all(ctx.input.entityRefs.map(fetchOne)));
    },
  });
}
