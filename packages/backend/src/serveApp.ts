import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { ServiceUnavailableError } from '@portal/backend-common';

/**
 * Paths the server answers itself; everything else that asks for HTML gets the app. Under /git
 * the git host answers git and passes on only browsers opening a repository's pages.
 */
const SERVER_PATHS = /^\/(api|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the built single-page app. Hashed assets are cached for a year; index.html never is, so a
 * new build shows up on the next load. Any other GET that wants HTML gets index.html, so deep
 * links work on reload.
 */
export function serveApp(distDir: string): Router {
  const router = express.Router();
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    router.get(/^(?!\/(api|healthz|readyz|metrics)(\/|$)).*/, (_req, res) => {
      res.status(503).type('text/plain').send('The portal app has not been built yet. Run `npm run build`, or start with `npm start`, which builds it.');
    });
    return router;
  }
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (!req.accepts('html')) return next();
    // A build in progress empties the folder for a moment: say so rather than fail oddly.
    if (!fs.existsSync(indexFile)) return next(new ServiceUnavailableError('The app is being rebuilt; reload in a moment'));
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
