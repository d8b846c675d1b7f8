import express, { type Request, type Response, type Router } from 'express';
import { InputError, NotFoundError, parseRequest, requireWriter, type HttpAuth, type Permissions } from '@portal/backend-common';
import { stringifyEntityRef, validateEntity, type Entity } from '@portal/catalog-model';
import type { CatalogQueries, EntityQuery } from '../CatalogQueries.js';
import type { CatalogService } from '../CatalogService.js';
import { decodeCursor, encodeCursor, queryHash } from './entityCursor.js';
import { projectFields } from '../projectFields.js';
import {
  byQueryBodySchema,
  byQuerySchema,
  byRefsQuerySchema,
  byRefsSchema,
  entitiesSchema,
  entityNameParams,
  facetsBodySchema,
  facetsSchema,
  fieldsOnlySchema,
  validateEntitySchema,
} from './entitiesSchema.js';
import { predicateToFilter } from './filterPredicate.js';

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
    const requested: EntityQuery = {
      filter: params.filter,
      fullText: params.fullTextFilterTerm ? { term: params.fullTextFilterTerm, fields: params.fullTextFilterFields } : undefined,
      orderFields: params.orderField ?? [],
    };
    const named = Boolean(params.filter || params.orderField || params.fullTextFilterTerm);
    sendJson(res, await entityPage(queries, { requested, named, cursor: params.cursor, limit: params.limit, offset: params.offset, fields: params.fields }));
  });

  // Backstage's client sends predicate queries (`query: { $all: [...] }`) here, and the cursors
  // of their pages too; any cursor of either route is accepted by both.
  router.post('/entities/by-query', async (req, res) => {
    const body = parseRequest(byQueryBodySchema, req.body, 'body');
    const term = body.fullTextFilter?.term?.trim();
    const requested: EntityQuery = {
      filter: body.query ? predicateToFilter(body.query) : undefined,
      fullText: term ? { term, fields: body.fullTextFilter?.fields } : undefined,
      orderFields: body.orderBy ?? [],
    };
    const named = Boolean(body.query || body.orderBy || term);
    sendJson(res, await entityPage(queries, { requested, named, cursor: body.cursor, limit: body.limit, offset: body.offset, fields: body.fields }));
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
      const items = await queries.entityJsonInOrder(
        page.rows.map(r => r.ref),
        { fields: params.fields },
      );
      sendJson(res, `[${items.filter(json => json !== null).join(',')}]`);
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
    const params = parseRequest(byRefsQuerySchema, req.query, 'query');
    const fields = body.fields ?? params.fields;
    // Refs compare exactly with the stored (lower-cased, namespaced) refs, as in Backstage; an
    // entity the filter or predicate leaves out answers null in its slot.
    const filter = body.query ? predicateToFilter(body.query) : params.filter;
    const items = await queries.entityJsonInOrder(body.entityRefs, { filter, fields });
    sendJson(res, `{"items":[${items.map(json => json ?? 'null').join(',')}]}`);
  });

  router.get('/entity-facets', async (req, res) => {
    const params = parseRequest(facetsSchema, req.query, 'query');
    res.json({ facets: await queries.entityFacets({ facets: params.facet, filter: params.filter }) });
  });

  router.post('/entity-facets', async (req, res) => {
    const body = parseRequest(facetsBodySchema, req.body, 'body');
    res.json({ facets: await queries.entityFacets({ facets: body.facets, filter: body.query ? predicateToFilter(body.query) : undefined }) });
  });

  router.post('/validate-entity', async (req: Request, res: Response) => {
    const body = parseRequest(validateEntitySchema, req.body, 'body');
    const problems = validateEntity(body.entity)
      .filter(p => p.severity === 'error')
      .map(p => ({ name: 'InputError', message: p.path ? `${p.path}: ${p.message}` : p.message }));
    const locationProblem = body.location === undefined ? undefined : locationRefProblem(body.location);
    if (locationProblem) problems.unshift({ name: 'InputError', message: locationProblem });
    if (problems.length === 0) {
      res.json({ errors: [] });
      return;
    }
    // Backstage clients read this body shape from the 400 rather than the usual error body.
    res.status(400).json({ errors: problems });
  });

  return router;
}

interface EntityPageRequest {
  /** The query the request names; a cursor's own query is used instead when there is one. */
  requested: EntityQuery;
  /** Whether the request named a filter, order or term (then it must be the cursor's). */
  named: boolean;
  cursor?: string;
  limit?: number;
  offset?: number;
  fields?: string[];
}

/** One page of `/entities/by-query`, GET or POST: `{ items, totalItems, pageInfo }`. */
async function entityPage(queries: CatalogQueries, request: EntityPageRequest) {
  const limit = request.limit ?? DEFAULT_PAGE_SIZE;
  const cursor = request.cursor ? decodeCursor(request.cursor) : undefined;
  if (cursor && request.named && queryHash(request.requested) !== queryHash(cursor.query)) {
    throw new InputError('Invalid query: cursor belongs to another filter, order or full-text term than this request names');
  }
  const query = cursor?.query ?? request.requested;
  const page = await queries.queryEntityPage({
    query,
    limit,
    offset: request.offset,
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
  const hasPrev = forward ? cursor !== undefined || (request.offset ?? 0) > 0 : page.hasMore;
  const items = await queries.entityJsonInOrder(
    page.rows.map(r => r.ref),
    { fields: request.fields },
  );
  const pageInfo = {
    ...(hasNext && last ? { nextCursor: encodeCursor({ query, position: last, direction: 'next', totalItems }) } : {}),
    ...(hasPrev && first ? { prevCursor: encodeCursor({ query, position: first, direction: 'prev', totalItems }) } : {}),
  };
  return `{"items":[${items.filter(json => json !== null).join(',')}],"totalItems":${totalItems},"pageInfo":${JSON.stringify(pageInfo)}}`;
}

/** Sends JSON text the database and the route put together, as res.json would send an object. */
function sendJson(res: Response, json: string): void {
  res.type('application/json').send(json);
}

/** What is wrong with a location ref (`url:https://…`), as Backstage parses one; undefined when nothing. */
function locationRefProblem(ref: string): string | undefined {
  const colon = ref.indexOf(':');
  const type = colon === -1 ? '' : ref.slice(0, colon).trim();
  const target = colon === -1 ? '' : ref.slice(colon + 1).trim();
  if (!type || !target) return `location: unable to parse location ref '${ref}', expected '<type>:<target>', e.g. 'url:https://host/path'`;
  if (type === 'http' || type === 'https') return `location: invalid location ref '${ref}', prefix it with 'url:', e.g. 'url:${ref}'`;
  return undefined;
}

async function entityByUid(queries: CatalogQueries, uid: string): Promise<Entity> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uid)) {
    throw new InputError(`Invalid path: uid "${uid}" is not a uid`);
  }
  const entity = await queries.getEntityByUid(uid.toLowerCase());
  if (!entity) throw new NotFoundError(`No entity with uid ${uid}`);
  return entity;
}

/**
 * Writes every matching entity as one JSON array, a batch at a time as the database answers, and
 * waits for a slow reader before reading on, so memory stays flat however large the catalog.
 */
async function streamAllEntities(queries: CatalogQueries, res: Response, query: EntityQuery, fields: string[] | undefined, offset: number): Promise<void> {
  res.setHeader('content-type', 'application/json; charset=utf-8');
  let opened = false;
  for await (const batch of queries.entityJsonBatches(query, offset, fields)) {
    if (batch.length === 0) continue;
    const flushed = res.write(`${opened ? ',' : '['}${batch.join(',')}`);
    opened = true;
    if (!flushed && !res.destroyed) await drained(res);
    if (res.destroyed) return;
  }
  res.end(opened ? ']' : '[]');
}

/** Resolves when a response's buffer has drained, or when its reader went away. */
function drained(res: Response): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
