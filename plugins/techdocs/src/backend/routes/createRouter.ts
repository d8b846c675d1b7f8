import { parseRequest, type Permissions } from '@portal/backend-common';
import express, { type Router } from 'express';
import mime from 'mime-types';
import type { DocsService } from '../DocsService.js';
import { searchQuery } from '../../common/requestSchemas.js';
import { assetQuery, entityParams, pageParams } from './schema.js';

// Served files can be anything a repository holds; the browser must never run or sniff them.
const ASSET_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
const ACTIVE_TYPES = /^(text\/html|application\/xhtml\+xml|text\/xml|application\/xml|application\/javascript|text\/javascript)/;

/**
 * Thin routes: authorize → validate → one call → present. A site shows what its entity's source
 * holds, so reading docs asks the same rule as reading the catalog.
 */
export function createRouter(service: DocsService, permissions?: Permissions): Router {
  const router = express.Router();
  router.use((req, _res, next) => {
    permissions?.requirePermission(req, 'catalog.entity.read');
    next();
  });
  const refOf = (p: { namespace: string; kind: string; name: string }) => `${p.kind}:${p.namespace}/${p.name}`;

  router.get('/:namespace/:kind/:name', async (req, res) => {
    const params = parseRequest(entityParams, req.params, 'path');
    res.json(await service.getMetadata(refOf(params)));
  });

  router.get('/:namespace/:kind/:name/page{/*path}', async (req, res) => {
    const params = parseRequest(pageParams, req.params, 'path');
    res.json(await service.getPage(refOf(params), (params.path ?? []).join('/')));
  });

  router.get('/:namespace/:kind/:name/search', async (req, res) => {
    const params = parseRequest(entityParams, req.params, 'path');
    const { q } = parseRequest(searchQuery, req.query, 'query');
    res.json({ results: await service.search(refOf(params), q) });
  });

  router.get('/:namespace/:kind/:name/assets/*path', async (req, res) => {
    const params = parseRequest(pageParams, req.params, 'path');
    const { commit } = parseRequest(assetQuery, req.query, 'query');
    const asset = await service.getAsset(refOf(params), (params.path ?? []).join('/'), commit);
    const type = mime.lookup(asset.file) || 'application/octet-stream';
    res.setHeader('Content-Security-Policy', ASSET_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (ACTIVE_TYPES.test(type)) {
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Content-Disposition', 'attachment');
    } else {
      res.setHeader('Content-Type', type);
    }
    // A file at a commit never changes; without one it follows the served version.
    res.setHeader('Cache-Control', commit ? 'private, max-age=31536000, immutable' : 'private, no-cache');
    res.send(asset.content);
  });

  return router;
}
