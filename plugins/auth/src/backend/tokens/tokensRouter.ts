import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { AuthenticationError, parseRequest } from '@portal/backend-common';
import { PERSONAL_TOKEN_EXPIRY_DAYS } from '../../common/index.js';
import { sessionOf } from '../session/cookieResolver.js';
import type { Session } from '../session/SessionStore.js';
import type { PersonalTokens } from './PersonalTokens.js';

const MAX_DAYS = Math.max(...PERSONAL_TOKEN_EXPIRY_DAYS);

export const createTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(['read', 'write']),
  expiresInDays: z.number().int().min(1).max(MAX_DAYS),
});

export const tokenIdSchema = z.object({ id: z.uuid() });

/**
 * Only a person signed in with a session manages tokens: a token that could mint tokens would
 * outlive its own expiry and revocation.
 */
function requireSession(req: Request): Session {
  const session = sessionOf(req);
  if (!session) throw new AuthenticationError('Sign in to manage your personal tokens: tokens cannot manage tokens');
  return session;
}

const sessionFirst: RequestHandler = (req, _res, next) => {
  requireSession(req);
  next();
};

/** `/api/auth/tokens`: the signed-in person's personal access tokens. */
export function createTokensRouter(tokens: PersonalTokens): Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const session = requireSession(req);
    res.json({ items: await tokens.list(session.userEntityRef) });
  });

  // Who is asking is known before the body is read.
  router.post('/', sessionFirst, express.json({ limit: '4kb' }), async (req, res) => {
    const session = requireSession(req);
    const input = parseRequest(createTokenBodySchema, req.body, 'body');
    res.status(201).json(await tokens.create({ userEntityRef: session.userEntityRef, ...input }));
  });

  router.delete('/:id', async (req, res) => {
    const session = requireSession(req);
    const { id } = parseRequest(tokenIdSchema, req.params, 'path');
    await tokens.revoke(session.userEntityRef, id);
    res.status(204).end();
  });

  return router;
}
