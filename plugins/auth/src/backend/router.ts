import express, { type Request, type Response, type Router } from 'express';
import { Passport } from 'passport';
import { AuthenticationError, NotFoundError, isPortalError, type Credentials, type HttpAuth, type Logger, type OwnershipMode } from '@portal/backend-common';
import type { AuthProviderInfo, Identity } from '../common/index.js';
import type { GuestConfig } from './config.js';
import type { IdentityCatalog } from './identity/IdentityCatalog.js';
import { resolveOwnershipRefs } from './identity/ownershipRefs.js';
import { resolveSignIn, type ProviderProfile, type SignInResult } from './identity/signInResolvers.js';
import type { AuthProvider } from './providers/types.js';
import { redirectOf, safeRedirect } from './providers/types.js';
import { sessionOf } from './session/cookieResolver.js';
import { clearFlowCookie, clearSessionCookies, readFlowCookie, setSessionCookies } from './session/cookies.js';
import { checkSameOrigin } from './session/csrf.js';
import type { SessionStore } from './session/SessionStore.js';
import type { SessionTokens } from './session/sessionToken.js';
import type { PersonalTokens } from './tokens/PersonalTokens.js';
import { createTokensRouter } from './tokens/tokensRouter.js';

export interface AuthRouterOptions {
  baseUrl: string;
  logger: Logger;
  httpAuth: HttpAuth;
  catalog: IdentityCatalog;
  tokens: SessionTokens;
  sessions: SessionStore;
  personalTokens: PersonalTokens;
  ownership: OwnershipMode;
  providers: AuthProvider[];
  /** Set when guest sign-in is configured; `refusal` explains why it is switched off here. */
  guest?: { config: GuestConfig; refusal?: string };
  /** The permission policy's admin decision. */
  isAdmin(credentials: Credentials | undefined): boolean;
}

export function createAuthRouter(options: AuthRouterOptions): Router {
  const { baseUrl, tokens, sessions, catalog, providers, guest, ownership } = options;
  const passport = new Passport();
  for (const provider of providers) passport.use(provider.id, provider.strategy);
  const router = express.Router();

  const startSession = async (req: Request, res: Response, result: SignInResult) => {
    const session = await sessions.start(result);
    setSessionCookies(res, req, baseUrl, tokens, session);
    options.logger.info({ userEntityRef: session.userEntityRef }, 'Signed in');
  };
  // Refusals end on the sign-in page with the reason, not on a JSON error the browser would show raw.
  const refuse = (res: Response, message: string) => {
    res.redirect(303, `/sign-in?error=${encodeURIComponent(message)}`);
  };

  router.get('/providers', (_req, res) => {
    const list: AuthProviderInfo[] = providers.map(p => ({ id: p.id, title: p.title, method: 'GET', startUrl: `/api/auth/${p.id}/start` }));
    if (guest && !guest.refusal) list.unshift({ id: 'guest', title: 'Guest', method: 'POST', startUrl: '/api/auth/guest/start' });
    res.json({ providers: list });
  });

  router.post('/guest/start', async (req, res) => {
    if (!guest) throw new NotFoundError('Guest sign-in is not configured');
    // Nobody is signed in yet, so there is no CSRF token: refuse what the browser marks as cross-site.
    checkSameOrigin(req, baseUrl);
    if (guest.refusal) return refuse(res, guest.refusal);
    const userEntityRef = guest.config.userEntityRef.toLowerCase();
    const user = await catalog.getEntityByRef(userEntityRef);
    const refs = user ? await resolveOwnershipRefs(catalog, user, ownership) : { ownershipEntityRefs: [userEntityRef], membershipEntityRefs: [userEntityRef] };
    const displayName = (user?.spec?.profile as { displayName?: string } | undefined)?.displayName ?? 'Guest';
    await startSession(req, res, { userEntityRef, ...refs, displayName });
    res.redirect(303, redirectOf(req));
  });

  router.get('/:provider/start', (req, res, next) => {
    const provider = providers.find(p => p.id === req.params.provider);
    if (!provider) throw new NotFoundError(`No sign-in provider '${req.params.provider}' is configured`);
    // On success the strategy redirects to the provider; this callback only hears of failures.
    passport.authenticate(provider.id, { session: false }, (error: unknown, _profile: unknown, info: unknown) => {
      if (error) options.logger.warn({ err: error, provider: provider.id }, 'Could not start sign-in');
      refuse(res, `Could not start sign-in with ${provider.title}: ${error ? (error as Error).message : (messageOf(info) ?? 'try again')}`);
    })(req, res, next);
  });

  router.get('/:provider/handler/frame', (req, res, next) => {
    const provider = providers.find(p => p.id === req.params.provider);
    if (!provider) throw new NotFoundError(`No sign-in provider '${req.params.provider}' is configured`);
    // Read before the strategy runs: the flow cookie is cleared once the callback is handled.
    const redirect = safeRedirect(readFlowCookie(req, tokens, provider.id)?.redirect);
    const finish = async (error: unknown, profile: ProviderProfile | false, info: unknown) => {
      clearFlowCookie(res, req, baseUrl);
      if (error) {
        options.logger.warn({ err: error, provider: provider.id }, 'Sign-in failed');
        return refuse(res, `Sign-in with ${provider.title} failed: ${(error as Error).message}`);
      }
      if (!profile) return refuse(res, messageOf(info) ?? `Sign-in with ${provider.title} did not complete: try again`);
      try {
        await startSession(req, res, await resolveSignIn(profile, catalog, provider.signIn, ownership));
      } catch (refusal) {
        if (!isPortalError(refusal)) throw refusal;
        options.logger.info({ provider: provider.id, email: profile.email, username: profile.username }, refusal.message);
        return refuse(res, refusal.message);
      }
      res.redirect(303, redirect);
    };
    passport.authenticate(provider.id, { session: false }, (error: unknown, profile: ProviderProfile | false, info: unknown) => {
      finish(error, profile, info).catch(next);
    })(req, res, next);
  });

  router.get('/me', (req, res) => {
    const session = sessionOf(req);
    if (!session) {
      options.httpAuth.requireCredentials(req);
      throw new AuthenticationError('Signed in with an API token, not as a user');
    }
    const identity: Identity = {
      userEntityRef: session.userEntityRef,
      ownershipEntityRefs: session.ownershipEntityRefs,
      displayName: session.displayName,
      email: session.email,
      expiresAt: session.expiresAt,
      isAdmin: options.isAdmin(options.httpAuth.credentials(req)),
    };
    res.json(identity);
  });

  router.use('/tokens', createTokensRouter(options.personalTokens));

  // The cookie resolver has already checked the CSRF token when a session cookie came along.
  // Revoking the row (not only clearing the cookie) makes a copy of the cookie worthless too.
  router.post('/sign-out', async (req, res) => {
    const session = sessionOf(req);
    if (session) await sessions.revoke(session.sessionId);
    clearSessionCookies(res, req, baseUrl);
    res.status(204).end();
  });

  return router;
}

function messageOf(info: unknown): string | undefined {
  const first = Array.isArray(info) ? info[0] : info;
  const message = (first as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}
