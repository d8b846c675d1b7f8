import { InputError } from '@portal/backend-common';
import { z } from 'zod';
import type { TaskUserTokens } from '../../tasks/taskUserTokens.js';
import { createTemplateAction, type ActionContext } from '../types.js';

export interface HttpBackstageRequestDeps {
  /** The portal's own base URL; requests go nowhere else. */
  baseUrl: string;
  userTokens: Pick<TaskUserTokens, 'issue'>;
}

// Headers the template may not set: who is asking is the task's person, and nothing else.
const REFUSED_HEADERS = new Set(['authorization', 'cookie', 'host', 'proxy-authorization', 'x-forwarded-for', 'x-forwarded-host']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TIMEOUT_MS = 60_000;

/**
 * The URL of a path of the portal's API. `/catalog/entities` and `/api/catalog/entities` both
 * mean the catalog's route; anything that would leave the portal's `/api/` is refused.
 */
export function portalApiUrl(baseUrl: string, requestPath: string, params: Record<string, string | number | boolean> = {}): URL {
  if (!requestPath.startsWith('/') || requestPath.startsWith('//') || requestPath.includes('\\') || /[\s\0]/.test(requestPath)) {
    throw new InputError(`The path "${requestPath}" must be a path of this portal's API, starting with a single "/"`);
  }
  const base = new URL(baseUrl);
  const prefix = `${base.pathname.replace(/\/+$/, '')}/api/`;
  const apiPath = requestPath.startsWith('/api/') ? requestPath : `/api${requestPath}`;
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${apiPath}`, base.origin);
  if (url.origin !== base.origin || !url.pathname.startsWith(prefix)) throw new InputError(`The path "${requestPath}" leaves this portal's API`);
  for (const [key, value] of Object.entries(params)) url.searchParams.append(key, String(value));
  return url;
}

/** The person's ownership as the catalog knows it: the user and the groups it is a member of. */
function ownershipOf(user: NonNullable<ActionContext<unknown>['user']>): string[] {
  const groups = (user.entity?.relations ?? []).filter(relation => relation.type === 'memberOf').map(relation => relation.targetRef);
  return [...new Set([user.ref!, ...groups])];
}

export function createHttpBackstageRequestAction(deps: HttpBackstageRequestDeps) {
  return createTemplateAction({
    id: 'http:backstage:request',
    description: "Calls this portal's own API as the person running the task, with their permissions.",
    // A dry run makes reading requests only.
    supportsDryRun: true,
    schema: {
      input: z.object({
        method: z.enum(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
        path: z.string().min(1).describe('A path of the portal API, such as /catalog/entities/by-name/group/default/platform-team'),
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.unknown().optional(),
        continueOnBadResponse: z.boolean().default(false).describe('Give the answer as output instead of failing on 4xx and 5xx'),
      }),
      output: z.object({ code: z.number(), headers: z.record(z.string(), z.string()), body: z.unknown() }),
    },
    async handler(ctx) {
      const { method, body } = ctx.input;
      const url = portalApiUrl(deps.baseUrl, ctx.input.path, ctx.input.params);
      if (!ctx.user?.ref) throw new InputError('http:backstage:request calls the API as the person running the task, and this task has none');
      if (ctx.isDryRun && !READ_METHODS.has(method)) {
        ctx.logger.info(`Skipping ${method} ${url.pathname} in a dry run: it could change something`);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(ctx.input.headers ?? {})) {
        if (REFUSED_HEADERS.has(name.toLowerCase())) throw new InputError(`http:backstage:request may not set the ${name} header`);
        headers[name.toLowerCase()] = value;
      }
      headers.authorization = `Bearer ${deps.userTokens.issue({ userEntityRef: ctx.user.ref, ownershipEntityRefs: ownershipOf(ctx.user) })}`;
      let payload: string | undefined;
      if (body !== undefined && !READ_METHODS.has(method)) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        if (typeof body !== 'string') headers['content-type'] ??= 'application/json';
      }
      ctx.logger.info(`${method} ${url.pathname}${url.search}`);
      const response = await fetch(url, {
        method,
        headers,
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
      const text = await response.text();
      let parsed: unknown = text;
      if ((response.headers.get('content-type') ?? '').includes('json') && text) {
        try {
          parsed = JSON.parse(text);
        } catch {
          // keep the text
        }
      }
      if (response.status >= 400 && !ctx.input.continueOnBadResponse) {
        const message = (parsed as { error?: { message?: string } })?.error?.message ?? text.slice(0, 300);
        throw new InputError(`${method} ${url.pathname} answered HTTP ${response.status}: ${message}`);
      }
      ctx.output('code', response.status);
      ctx.output('headers', Object.fromEntries(response.headers.entries()));
      ctx.output('body', parsed);
    },
  });
}
