import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, createHttpAuth, createLogger, errorHandler, NotAllowedError } from '@portal/backend-common';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext, type TestActionContext } from '../../__fixtures__/actionContext.js';
import { createTaskUserTokens } from '../../tasks/taskUserTokens.js';
import { createHttpBackstageRequestAction, portalApiUrl } from './httpBackstageRequest.js';

// A small portal: the real HttpAuth with the task token resolver, and routes that answer by who asks.
const tokens = createTaskUserTokens('service-token-for-tests');
const otherReplicaTokens = createTaskUserTokens('another-service-token');
let server: http.Server;
let baseUrl: string;
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: unknown }> = [];

beforeAll(async () => {
  const httpAuth = createHttpAuth({ externalAccess: [] });
  httpAuth.addResolver(tokens.resolver);
  const app = express();
  app.use(express.json());
  app.use('/portal/api', httpAuth.middleware);
  app.use('/portal/api', (req, _res, next) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: req.body });
    next();
  });
  app.get('/portal/api/whoami', (req, res) => void res.json({ credentials: httpAuth.requireCredentials(req), query: req.query }));
  app.post('/portal/api/catalog/groups/:name/notes', (req, res) => {
    const credentials = httpAuth.requireCredentials(req);
    if (credentials.type !== 'user' || !credentials.ownershipEntityRefs.includes(`group:default/${req.params.name}`)) {
      throw new NotAllowedError(`Only members of ${req.params.name} may add notes`);
    }
    res.status(201).json({ added: req.body });
  });
  app.use((_req, _res, next) => next(new AuthenticationError('not found')));
  app.use(errorHandler(createLogger({ level: 'silent' })));
  server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));

let ctx: TestActionContext<unknown>;
afterEach(() => ctx?.cleanup());

const jane = {
  ref: 'user:default/jane',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'jane' },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
  },
};

async function request(input: Record<string, unknown>, options: { isDryRun?: boolean; user?: typeof jane | undefined } = {}) {
  const action = createHttpBackstageRequestAction({ baseUrl, userTokens: tokens });
  ctx = await createActionContext<unknown>(action.schema.input.parse(input), { isDryRun: options.isDryRun });
  ctx.user = 'user' in options ? options.user : jane;
  await action.handler(ctx as never);
  return ctx.outputs;
}

describe('http:backstage:request', () => {
  it('calls the portal API as the person running the task, with params', async () => {
    const out = await request({ path: '/whoami', params: { q: 'a b', n: 2 } });
    expect(out.code).toBe(200);
    expect(out.body).toEqual({
      credentials: { type: 'user', userEntityRef: 'user:default/jane', ownershipEntityRefs: ['user:default/jane', 'group:default/payments'] },
      query: { q: 'a b', n: '2' },
    });
    expect((out.headers as Record<string, string>)['content-type']).toMatch(/json/);
    // /api/… and /… name the same route.
    expect((await request({ path: '/api/whoami' })).code).toBe(200);
  });

  it('has the person’s permissions and no more', async () => {
    const added = await request({ method: 'POST', path: '/catalog/groups/payments/notes', body: { text: 'hello' } });
    expect(added).toMatchObject({ code: 201, body: { added: { text: 'hello' } } });
    await expect(request({ method: 'POST', path: '/catalog/groups/platform/notes', body: {} })).rejects.toThrow(
      /POST \/portal\/api\/catalog\/groups\/platform\/notes answered HTTP 403: Only members of platform may add notes/,
    );
    const answered = await request({ method: 'POST', path: '/catalog/groups/platform/notes', body: {}, continueOnBadResponse: true });
    expect(answered.code).toBe(403);
  });

  it('never leaves the portal’s API, and never lets the template choose who asks', async () => {
    for (const path of ['http://evil.example/x', '//evil.example/x', '/../../etc', '/api/../admin', 'whoami', '/\\evil.example']) {
      await expect(request({ path }), path).rejects.toThrow(/must be a path of this portal's API|leaves this portal's API/);
    }
    // Encoded dots are read as dots by the URL parser, and refused the same way.
    expect(() => portalApiUrl('http://h:1/portal', '/%2e%2e/%2e%2e/x')).toThrow(/leaves this portal's API/);
    expect(portalApiUrl('http://h:1/portal', '/catalog/a%2Fb').pathname).toBe('/portal/api/catalog/a%2Fb');
    await expect(request({ path: '/whoami', headers: { Authorization: 'Bearer other' } })).rejects.toThrow(/may not set the Authorization header/);
    await expect(request({ path: '/whoami' }, { user: undefined })).rejects.toThrow(/has none/);
  });

  it('makes only reading requests in a dry run', async () => {
    const before = seen.length;
    expect(await request({ method: 'POST', path: '/catalog/groups/payments/notes', body: {} }, { isDryRun: true })).toEqual({});
    expect(seen.length).toBe(before);
    expect((await request({ path: '/whoami' }, { isDryRun: true })).code).toBe(200);
  });

  it('refuses tokens that are forged or signed with another key', async () => {
    const call = (token: string) => fetch(`${baseUrl}/api/whoami`, { headers: { authorization: `Bearer ${token}` } });
    const good = tokens.issue({ userEntityRef: 'user:default/jane', ownershipEntityRefs: ['user:default/jane'] });
    expect((await call(good)).status).toBe(200);
    const [prefix] = good.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user:default/admin', own: ['group:default/admins'], exp: Date.now() + 60_000 })).toString('base64url');
    expect((await call(`${prefix}.${forged}.${good.split('.')[2]}`)).status).toBe(401);
    expect((await call(otherReplicaTokens.issue({ userEntityRef: 'user:default/jane', ownershipEntityRefs: [] }))).status).toBe(401);
  });
});
