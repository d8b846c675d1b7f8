import express, { type Router } from 'express';
import { parseRequest, type Permissions } from '@portal/backend-common';
import type { SearchEngine } from '../SearchEngine.js';
import { gatherBracketKeys, searchQuerySchema } from './schema.js';

/**
 * Thin routes: authorize → validate → one call → present. Every document is an entity, a part of
 * an entity's docs or a template, all of them read under `catalog.entity.read`: search asks that
 * rule as the catalog does, so nobody finds what they may not open.
 */
export function createRouter(engine: SearchEngine, permissions?: Permissions): Router {
  const router = express.Router();
  router.use((req, _res, next) => {
    permissions?.requirePermission(req, 'catalog.entity.read');
    next();
  });

  router.get('/query', async (req, res) => {
    const query = parseRequest(searchQuerySchema, gatherBracketKeys(req.query as Record<string, unknown>), 'query');
    res.json(await engine.query(query));
  });

  return router;
}
