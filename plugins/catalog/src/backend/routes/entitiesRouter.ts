import express, { type Request, type Response, type Router } from 'express';
import type { Knex } from 'knex';
import { InputError, NotFoundError, requireWriter, type HttpAuth, type Permissions } from '@portal/backend-common';
import { stringifyEntityRef, validateEntity, type Entity } from '@portal/catalog-model';
import { deleteEntities } from '../database/deleteEntities.js';
import { queryEntities, type EntityQuery } from '../database/queryEntities.js';
import { bumpCatalogGeneration } from '../database/catalogGeneration.js';
import { FacetCache } from '../database/FacetCache.js';
import { TotalCache } from '../database/TotalCache.js';
import { selectEntities } from '../database/selectEntities.js';
import { selectEntityAncestry } from '../database/selectEntityAncestry.js';
import { decodeCursor, encodeCursor, queryHash } from './entityCursor.js';
import { projectFields } from './projectFields.js';
import {
  byQuerySchema,
  byRefsSchema,
  entitiesSchema,
  entityNameParams,
  facetsSchema,
  fieldsOnlySchema,
  parseInput,
  validateEntitySchema,
} from './entitiesSchema.js';

export interface EntitiesRouterOptions {
  knex: Knex;
  httpAuth: HttpAuth;
  /** When given, deletes also pass the permission policy; without it any caller with credentials may. */
  permissions?: Permissions;
}

const DEFAULT_PAGE_SIZE = 20;
/** Entities read per statement when streaming the deprecated unpaginated `GET /entities`. */
const STREAM_BATCH = 500;

/** Backstage's catalog read API: entity queries, lookups by name, uid and ref, facets, ancestry, validation. */
export function createEntitiesRouter(options: EntitiesRouterOptions): Router {
  const { knex, httpAuth, permissions } = options;
  // Facet answers and query totals, kept until the catalog changes.
  const facetCache = new FacetCache(knex);
  const totals = new TotalCache(knex);
  const router = express.Router();

  router.get('/entities/by-query', async (req, res) => {
    const params = parseInput(byQuerySchema, req.query, 'query parameter');
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
    const requested: EntityQuery = {
      filter: params.filter,
      fullText: params.fullTextFilterTerm ? { term: params.fullTextFilterTerm, fields: params.fullTextFilterFields } : undefined,
      orderFields: params.orderField ?? [],
    };
    if (cursor && (params.filter || params.orderField || params.fullTextFilterTerm) && queryHash(requested) !== queryHash(cursor.query)) {
      throw new InputError('Invalid query parameter cursor: it belongs to another filter, order or full-text term than this request names');
    }
    const query = cursor?.query ?? requested;
    const page = await queryEntities(knex, {
      query,
      limit,
      offset: params.offset,
      after: cursor?.direction === 'next' ? cursor.position : undefined,
      before: cursor?.direction === 'prev' ? cursor.position : undefined,
      // A cursor carries the total its first page counted.
      countTotal: cursor ? undefined : q => totals.count(q),
    });
    const totalItems = cursor?.totalItems ?? page.totalItems ?? 0;
    const forward = cursor?.direction !== 'prev';
    const first = page.rows[0];
    const last = page.rows[page.rows.length - 1];
    const hasNext = forward ? page.hasMore : true;
    const hasPrev = forward ? cursor !== undefined || (params.offset ?? 0) > 0 : page.hasMore;
    const items = await entitiesInOrder(knex, page.rows.map(r => r.ref));
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
    const params = parseInput(entitiesSchema, req.query, 'query parameter');
    const query: EntityQuery = { filter: params.filter, orderFields: params.order ?? [] };
    const after = params.after ? decodeCursor(params.after) : undefined;
    if (params.limit !== undefined || after) {
      const limit = params.limit ?? DEFAULT_PAGE_SIZE;
      const page = await queryEntities(knex, { query: after?.query ?? query, limit, offset: params.offset, after: after?.position });
      const last = page.rows[page.rows.length - 1];
      if (page.hasMore && last) {
        const next = encodeCursor({ query: after?.query ?? query, position: last, direction: 'next', totalItems: 0 });
        const url = new URL(req.originalUrl, 'http://portal');
        url.searchParams.delete('offset');
        url.searchParams.set('after', next);
        res.setHeader('link', `<${url.pathname}${url.search}>; rel="next"`);
      }
      const items = await entitiesInOrder(knex, page.rows.map(r => r.ref));
      res.json(items.filter((e): e is Entity => e !== null).map(e => projectFields(e, params.fields)));
      return;
    }
    await streamAllEntities(knex, res, query, params.fields, params.offset ?? 0);
  });

  router.get('/entities/by-name/:kind/:namespace/:name', async (req, res) => {
    const ref = stringifyEntityRef(parseInput(entityNameParams, req.params, 'path parameter'));
    const { fields } = parseInput(fieldsOnlySchema, req.query, 'query parameter');
    const [entity] = await selectEntities(knex, { refs: [ref] });
    if (!entity) throw new NotFoundError(`No entity named ${ref}`);
    res.json(projectFields(entity, fields));
  });

  router.get('/entities/by-name/:kind/:namespace/:name/ancestry', async (req, res) => {
    const ref = stringifyEntityRef(parseInput(entityNameParams, req.params, 'path parameter'));
    res.json(await selectEntityAncestry(knex, ref));
  });

  router.get('/entities/by-uid/:uid', async (req, res) => {
    const { fields } = parseInput(fieldsOnlySchema, req.query, 'query parameter');
    const entity = await entityByUid(knex, String(req.params.uid));
    res.json(projectFields(entity, fields));
  });

  router.delete('/entities/by-uid/:uid', async (req, res) => {
    requireWriter(httpAuth, req);
    const entity = await entityByUid(knex, String(req.params.uid));
    const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
    permissions?.requirePermission(req, 'catalog.entity.delete', { ownerRefs: owner ? [owner] : [] });
    await knex.transaction(trx => deleteEntities(trx, [stringifyEntityRef(entity)]));
    await bumpCatalogGeneration(knex);
    res.status(204).end();
  });

  router.post('/entities/by-refs', async (req, res) => {
    const body = parseInput(byRefsSchema, req.body ?? {}, 'body field');
    const fields = body.fields ?? parseInput(fieldsOnlySchema, req.query, 'query parameter').fields;
    const refs = body.entityRefs.map(ref => {
      try {
        return refKey(ref);
      } catch {
        return undefined;
      }
    });
    const entities = await entitiesInOrder(knex, refs);
    res.json({ items: entities.map(e => (e ? projectFields(e, fields) : null)) });
  });

  router.get('/entity-facets', async (req, res) => {
    const params = parseInput(facetsSchema, req.query, 'query parameter');
    res.json({ facets: await facetCache.query({ facets: params.facet, filter: params.filter }) });
  });

  router.post('/validate-entity', async (req: Request, res: Response) => {
    const body = parseInput(validateEntitySchema, req.body ?? {}, 'body field');
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

async function entityByUid(knex: Knex, uid: string): Promise<Entity> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uid)) {
    throw new InputError(`Invalid path parameter uid: "${uid}" is not a uid`);
  }
  const [entity] = await selectEntities(knex, { uids: [uid.toLowerCase()] });
  if (!entity) throw new NotFoundError(`No entity with uid ${uid}`);
  return entity;
}

/** Entities for the refs, in the same order, null where a ref names nothing. */
async function entitiesInOrder(knex: Knex, refs: Array<string | undefined>): Promise<Array<Entity | null>> {
  const wanted = refs.filter((r): r is string => r !== undefined);
  const found = wanted.length > 0 ? await selectEntities(knex, { refs: [...new Set(wanted)] }) : [];
  const byRef = new Map(found.map(e => [stringifyEntityRef(e), e]));
  return refs.map(ref => (ref === undefined ? null : (byRef.get(ref) ?? null)));
}

/** Writes every matching entity as one JSON array, a batch at a time, so memory stays flat. */
async function streamAllEntities(knex: Knex, res: Response, query: EntityQuery, fields: string[] | undefined, offset: number): Promise<void> {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.write('[');
  let first = true;
  let position;
  let skip = offset;
  for (;;) {
    const page = await queryEntities(knex, { query, limit: STREAM_BATCH, offset: position ? undefined : skip, after: position });
    skip = 0;
    const entities = await entitiesInOrder(knex, page.rows.map(r => r.ref));
    for (const entity of entities) {
      if (!entity) continue;
      res.write(`${first ? '' : ','}${JSON.stringify(projectFields(entity, fields))}`);
      first = false;
    }
    if (!page.hasMore) break;
    position = page.rows[page.rows.length - 1];
  }
  res.end(']');
}
