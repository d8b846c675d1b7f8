import express, { type Request, type Router } from 'express';
import { parseRequest, requireWriter, type HttpAuth, type PermissionAction, type PermissionResource, type Permissions } from '@portal/backend-common';
import type { CatalogService } from '../CatalogService.js';
import { addLocationBody, refreshBody } from '../../common/requestSchemas.js';
import {
  addLocationQuery,
  analyzeLocationBody,
  entityNameParams,
  locationIdParams,
  locationSummariesQuery,
  queryLocationsBody,
  updateLocationBody,
} from './schema.js';
import { createWebhookHandler } from './webhooks.js';

export interface RouterOptions {
  service: CatalogService;
  /** How long POST /locations waits for the whole location before answering (`catalog.registerWait`). */
  registerWaitMs?: number;
  httpAuth: HttpAuth;
  permissions?: Permissions;
  webhookSecret?: string;
}

/** Thin routes: authenticate → validate → one call → present. Reads are open for now. */
export function createRouter(options: RouterOptions): Router {
  const { service, httpAuth, permissions } = options;
  const router = express.Router();
  // Writes need a caller; the permission policy decides what that caller may do.
  const authorize = (req: Request, action: PermissionAction, resource?: PermissionResource) => {
    httpAuth.requireCredentials(req);
    permissions?.requirePermission(req, action, resource);
  };

  // Before the JSON parser, so the webhook's HMAC covers the bytes as sent.
  router.post('/webhooks/git', createWebhookHandler({ service, httpAuth, secret: options.webhookSecret }));
  router.use(express.json({ limit: '1mb' }));

  router.post('/locations', async (req, res) => {
    authorize(req, 'catalog.location.create');
    const { dryRun } = parseRequest(addLocationQuery, req.query, 'query');
    const body = parseRequest(addLocationBody, req.body, 'body');
    // dryRun alone: a request never registers a trusted location or a file on the server's disk.
    const credentials = httpAuth.credentials(req);
    const registeredBy = credentials?.type === 'user' ? credentials.userEntityRef : undefined;
    const result = await service.addLocation(body, { dryRun, answerWithinMs: options.registerWaitMs, registeredBy });
    // 201 for dry runs too: Backstage's client accepts nothing else.
    res.status(201).json(result);
  });

  router.get('/locations', async (_req, res) => {
    res.json((await service.listLocations()).map(data => ({ data })));
  });

  router.post('/locations/by-query', async (req, res) => {
    res.json(await service.queryLocations(parseRequest(queryLocationsBody, req.body, 'body')));
  });

  router.put('/locations/:id', async (req, res) => {
    requireWriter(httpAuth, req);
    const { id } = parseRequest(locationIdParams, req.params, 'path');
    const body = parseRequest(updateLocationBody, req.body, 'body');
    // Whoever may unregister the location and register another may point it elsewhere.
    authorize(req, 'catalog.location.delete', { ownerRefs: await service.locationOwnerRefs(id) });
    authorize(req, 'catalog.location.create');
    res.json(await service.updateLocation(id, body));
  });

  router.post('/analyze-location', async (req, res) => {
    res.json(await service.analyzeLocation(parseRequest(analyzeLocationBody, req.body, 'body')));
  });

  // The Locations page: admins (and tokens that may write) see every location, anyone else those
  // they registered or that brought in an entity they own: the ones whose errors are theirs to fix.
  router.get('/location-summaries', async (req, res) => {
    const credentials = httpAuth.requireCredentials(req);
    const { limit, offset } = parseRequest(locationSummariesQuery, req.query, 'query');
    const mayUnregister = (ownerRefs: string[]) => permissions?.authorize(req, 'catalog.location.delete', { ownerRefs }).allowed ?? true;
    // Unregistering a location nobody owns is for admins alone: whoever may do that sees them all.
    const seesAll = mayUnregister([]);
    const visibleTo = seesAll
      ? undefined
      : credentials.type === 'user'
        ? { ownerRefs: credentials.ownershipEntityRefs, userRef: credentials.userEntityRef }
        : { ownerRefs: [] };
    const page = await service.locationSummaries({ visibleTo, limit, offset, canUnregister: mayUnregister });
    res.json({ ...page, scope: seesAll ? 'all' : 'owned' });
  });

  router.get('/locations/by-entity/:kind/:namespace/:name', async (req, res) => {
    res.json(await service.getLocationByEntity(parseRequest(entityNameParams, req.params, 'path')));
  });

  router.get('/locations/:id', async (req, res) => {
    res.json(await service.getLocation(parseRequest(locationIdParams, req.params, 'path').id));
  });

  router.get('/locations/:id/status', async (req, res) => {
    res.json(await service.getLocationStatus(parseRequest(locationIdParams, req.params, 'path').id));
  });

  router.delete('/locations/:id', async (req, res) => {
    requireWriter(httpAuth, req);
    const { id } = parseRequest(locationIdParams, req.params, 'path');
    authorize(req, 'catalog.location.delete', { ownerRefs: await service.locationOwnerRefs(id) });
    await service.removeLocation(id);
    res.status(204).end();
  });

  router.post('/refresh', async (req, res) => {
    requireWriter(httpAuth, req);
    const { entityRef } = parseRequest(refreshBody, req.body, 'body');
    authorize(req, 'catalog.entity.refresh', { ownerRefs: await service.entityOwnerRefs(entityRef) });
    await service.refreshEntity(entityRef);
    res.status(200).end();
  });

  // GET /entities/by-name and /entities/by-uid are served by entitiesRouter.ts, with `fields`.

  return router;
}
