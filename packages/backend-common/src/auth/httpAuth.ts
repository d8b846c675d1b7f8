import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { AuthenticationError } from '../errors.js';

/** Who is asking: a signed-in person (by session or personal token), or a script using a static API token. */
export type Credentials =
  | {
      type: 'user';
      userEntityRef: string;
      /** What the person acts as an owner through: the user and its groups (see `permission.ownership`). */
      ownershipEntityRefs: string[];
      /**
       * The user and only the groups it is a direct member of; `permission.admins` is checked
       * against these. Absent from resolvers that know no group tree, whose ownership refs are
       * the memberships.
       */
      membershipEntityRefs?: string[];
      /**
       * Set when a personal access token stands for the person rather than a session: 'read'
       * tokens may read as the person but not change anything, 'write' tokens may also push.
       */
      access?: 'read' | 'write';
    }
  | {
      type: 'service';
      subject: string;
      /** What a static token may do; absent means 'write'. Read-only tokens can read but not push or create. */
      access?: 'read' | 'write';
    };

/**
 * Turns a request into credentials, or returns undefined when the request carries none of the
 * kind it understands. Throws AuthenticationError when it carries credentials that are not valid.
 */
export type CredentialsResolver = (req: Request) => Promise<Credentials | undefined> | Credentials | undefined;

export const externalAccessSchema = z
  .array(
    z.object({
      type: z.literal('static'),
      options: z.object({
        token: z.string().min(8, 'a token must be at least 8 characters').regex(/^\S+$/, 'a token must not contain whitespace'),
        subject: z.string().min(1),
        /** 'read' makes a token read-only (for example, it can clone from the portal's git host but not push). */
        access: z.enum(['read', 'write']).optional(),
      }),
    }),
  )
  .default([]);

export type ExternalAccessConfig = z.output<typeof externalAccessSchema>;

export interface HttpAuth {
  /** Resolves credentials once per request; put it before every router. */
  middleware: RequestHandler;
  /** The credentials of the request, if any. */
  credentials(req: Request): Credentials | undefined;
  /** The credentials of the request; throws AuthenticationError (401) when there are none. */
  requireCredentials(req: Request): Credentials;
  /** Adds a way to authenticate requests, such as session cookies. */
  addResolver(resolver: CredentialsResolver): void;
}

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The token of a `Bearer <token>` header, or of `Basic base64(<anything>:<token>)` as git clients send it. */
export function tokenOfAuthorization(header: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
}

/**
 * Static API tokens for scripts, as Backstage's `backend.auth.externalAccess` with `type: static`.
 * Git clients cannot send bearer tokens, so HTTP Basic with the token as password (any user name)
 * is accepted too. An Authorization header with a token that matches none of them is refused.
 */
export function staticTokenResolver(externalAccess: ExternalAccessConfig): CredentialsResolver {
  return req => {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const token = tokenOfAuthorization(header);
    if (!token) throw new AuthenticationError('The Authorization header must be "Bearer <token>" or Basic with the token as password');
    const entry = externalAccess.find(e => tokensEqual(e.options.token, token));
    if (!entry) throw new AuthenticationError('The token is not valid');
    return entry.options.access
      ? { type: 'service', subject: entry.options.subject, access: entry.options.access }
      : { type: 'service', subject: entry.options.subject };
  };
}

/** Whether the credentials are a read-only token, a static one or a person's. */
export function isReadOnly(credentials: Credentials): boolean {
  return credentials.access === 'read';
}

export function createHttpAuth(options: { externalAccess: ExternalAccessConfig }): HttpAuth {
  const resolvers: CredentialsResolver[] = [staticTokenResolver(options.externalAccess)];
  const byRequest = new WeakMap<Request, Credentials>();
  return {
    middleware: async (req, _res, next) => {
      for (const resolver of resolvers) {
        const credentials = await resolver(req);
        if (credentials) {
          byRequest.set(req, credentials);
          break;
        }
      }
      next();
    },
    credentials: req => byRequest.get(req),
    requireCredentials: req => {
      const credentials = byRequest.get(req);
      if (!credentials) throw new AuthenticationError('This request needs credentials: sign in or send a bearer token');
      return credentials;
    },
    addResolver: resolver => {
      resolvers.unshift(resolver);
    },
  };
}
