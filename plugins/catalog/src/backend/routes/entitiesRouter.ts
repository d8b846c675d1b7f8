import express, { type Request, type Response, type Router } from 'express';
import { InputError, NotFoundError, parseRequest, requireWriter, type HttpAuth, type Permissions } from '@portal/backend-common';
import { stringifyEntityRef, validateEntity, type Entity } from '@portal/catalog-model';
import type { CatalogQueries, EntityQuery } from '../CatalogQueries.js';
import type { CatalogService } from '../CatalogService.js';
import { decodeCursor, encodeCursor, queryHash } from './entityCursor.js';
import { projectFields } from './projectFields.js';
import {
  byQuerySchema,
  byRefsSchema,
  entitiesSchema,
  entityNameParams,
  facetsSchema,
  fieldsOnlySchema,
  validateEntitySchema,
} from './entitiesSchema.js';

export interface EntitiesRouterOptions {
  /** Reads go through its `queries`; deletes through the service itself. */
  service: CatalogService;
  httpAuth: HttpAuth;
  /** When given, deletes also pass the permission policy; without it any caller with credentials may. */
  permissions?: Permissions;
}

// Backstage's page size when a request names none; the portal's own pages always name theirs.
const DEFAULT_PAGE_SIZE = 200;

/** Backstage's catalog read API: entity queries, lookups by name, uid and ref, facets, ancestry, validation. */
export function createEntitiesRouter(options: EntitiesRouterOptions): Router {
  const { service, httpAuth, permissions } = options;
  const { queries } = service;
  const router = express.Router();

  router.get('/entities/by-query', async (req, res) => {
    const params = parseRequest(byQuerySchema, req.query, 'query');
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
    const requested: EntityQuery = {
      filter: params.filter,
      fullText: params.fullTextFilterTerm ? { term: params.fullTextFilterTerm, fields: params.fullTextFilterFields } : undefined,
      orderFields: params.orderField ?? [],
    };
    if (cursor && (params.filter || params.orderField || params.fullTextFilterTerm) && queryHash(requested) !== queryHash(cursor.query)) {
      throw new InputError('Invalid query: cursor belongs to another filter, order or full-text term than this request names');
    }
    const query = cursor?.query ?? requested;
    const page = await queries.queryEntityPage({
      query,
      limit,
      offset: params.offset,
      after: cursor?.direction === 'next' ? cursor.position : undefined,
      before: cursor?.direction === 'prev' ? cursor.position : undefined,
      // A cursor carries the total its first page counted.
      countTotal: !cursor,
    });
    const totalItems = cursor?.totalItems ?? page.totalItems ?? 0;
    const forward = cursor?.direction !== 'prev';
    const first = page.rows[0];
    const last = page.rows[page.rows.length - 1];
    const hasNext = forward ? page.hasMore : true;
    const hasPrev = forward ? cursor !== undefined || (params.offset ?? 0) > 0 : page.hasMore;
    const items = await queries.entitiesInOrder(page.rows.map(r => r.ref));
    res.json({
      items: items.filter((e): e is Entity => e !== null).map(e => projectFields(e, params.fields)),
      totalItems,
      pageInfo: {
        ...(hasNext && last ? { nextCursor: encodeCursor({ query, position: last, direction: 'next', totalItems }) } : {}),
        ...(hasPrev && first ? { prevCursor: encodeCursor({ query, position: first, direction: 'prev', totalItems }) } : {}),
      },
    });
  });

  router.get('/entities', async (req, res) => {
    const params = parseRequest(entitiesSchema, req.query, 'query');
    const query: EntityQuery = { filter: params.filter, orderFields: params.order ?? [] };
    const after = params.after ? decodeCursor(params.after) : undefined;
    if (params.limit !== undefined || after) {
      const limit = params.limit ?? DEFAULT_PAGE_SIZE;
      const page = await queries.queryEntityPage({ query: after?.query ?? query, limit, offset: params.offset, after: after?.position });
      const last = page.rows[page.rows.length - 1];
      if (page.hasMore && last) {
        const next = encodeCursor({ query: after?.query ?? query, position: last, direction: 'next', totalItems: 0 });
        const url = new URL(req.originalUrl, 'http://portal');
        url.searchParams.delete('offset');
        url.searchParams.set('after', next);
        res.setHeader('link', `<${url.pathname}${url.search}>; rel="next"`);
      }
      const items = await queries.entitiesInOrder(page.rows.map(r => r.ref));
      res.json(items.filter((e): e is Entity => e !== null).map(e => projectFields(e, params.fields)));
      return;
    }
    await streamAllEntities(queries, res, query, params.fields, params.offset ?? 0);
  });

  router.get('/entities/by-name/:kind/:namespace/:name', async (req, res) => {
    const ref = stringifyEntityRef(parseRequest(entityNameParams, req.params, 'path'));
    const { fields } = parseRequest(fieldsOnlySchema, req.query, 'query');
    const entity = await queries.getEntity(ref);
    if (!entity) throw new NotFoundError(`No entity named ${ref}`);
    res.json(projectFields(entity, fields));
  });

  router.get('/entities/by-name/:kind/:namespace/:name/ancestry', async (req, res) => {
    const ref = stringifyEntityRef(parseRequest(entityNameParams, req.params, 'path'));
    res.json(await queries.entityAncestry(ref));
  });

  router.get('/entities/by-uid/:uid', async (req, res) => {
    const { fields } = parseRequest(fieldsOnlySchema, req.query, 'query');
    const entity = await entityByUid(queries, String(req.params.uid));
    res.json(projectFields(entity, fields));
  });

  router.delete('/entities/by-uid/:uid', async (req, res) => {
    requireWriter(httpAuth, req);
    const uid = String(req.params.uid);
    // Deleting is idempotent, as in Backstage: a uid no entity has answers 204 as well.
    const entity = await entityByUid(queries, uid).catch(error => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (entity) {
      const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
      permissions?.requirePermission(req, 'catalog.entity.delete', { ownerRefs: owner ? [owner] : [] });
      await service.deleteEntityByUid(uid.toLowerCase());
    }
    res.status(204).end();
  });

  router.post('/entities/by-refs', async (req, res) => {
    const body = parseRequest(byRefsSchema, req.body, 'body');
    const fields = body.fields ?? parseRequest(fieldsOnlySchema, req.query, 'query').fields;
    const refs = body.entityRefs.map(ref => {
      try {
        return refKey(ref);
      } catch {
        return undefined;
      }
    });
    const entities = await queries.entitiesInOrder(refs);
    res.json({ items: entities.map(e => (e ? projectFields(e, fields) : null)) });
  });

  router.get('/entity-facets', async (req, res) => {
    const params = parseRequest(facetsSchema, req.query, 'query');
    res.json({ facets: await queries.entityFacets({ facets: params.facet, filter: params.filter }) });
  });

  router.post('/validate-entity', async (req: Request, res: Response) => {
    const body = parseRequest(validateEntitySchema, req.body, 'body');
    const problems = validateEntity(body.entity).filter(p => p.severity === 'error');
    if (problems.length === 0) {
      res.json({ errors: [] });
      return;
    }
    // Backstage clients read this body shape from the 400 rather than the usual error body.
    res.status(400).json({
      errors: problems.map(p => ({ name: 'InputError', message: p.path ? `${p.path}: ${p.message}` : p.message })),
    });
  });

  return router;
}

/** The canonical ref of `kind:namespace/name` written in any case, with the default namespace. */
function refKey(ref: string): string {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (colon <= 0) throw new Error('no kind');
  return (slash === -1 || slash < colon ? ref.replace(':', ':default/') : ref).toLowerCase();
}

async function entityByUid(queries: CatalogQueries, uid: string): Promise<Entity> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uid)) {
    throw new InputError(`Invalid path: uid "${uid}" is not a uid`);
  }
  const entity = await queries.getEntityByUid(uid.toLowerCase());
  if (!entity) throw new NotFoundError(`No entity with uid ${uid}`);
  return entity;
}

/** Writes every matching entity as one JSON array, a batch at a time, so memory stays flat. */
async function streamAllEntities(queries: CatalogQueries, res: Response, query: EntityQuery, fields: string[] | undefined, offset: number): Promise<void> {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.write('[');
  let first = true;
  for await (const entities of queries.entityBatches(query, offset)) {
    for (const entity of entities) {
      res.write(`${first ? '' : ','}${JSON.stringify(projectFields(entity, fields))}`);
      first = false;
    }
  }
  res.end(']');
}
