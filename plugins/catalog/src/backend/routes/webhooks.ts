import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AuthenticationError, InputError, NotAllowedError, parseRequest, type HttpAuth } from '@portal/backend-common';
import type { CatalogService } from '../CatalogService.js';
import { pushPayload, type PushPayload } from './schema.js';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

type Provider = 'github' | 'gitea' | 'gitlab';

function providerOf(req: Request): { provider: Provider; event: string } | undefined {
  // Gitea also sends GitHub's header for compatibility, so it is asked first.
  const gitea = req.get('x-gitea-event');
  if (gitea) return { provider: 'gitea', event: gitea };
  const gitlab = req.get('x-gitlab-event');
  if (gitlab) return { provider: 'gitlab', event: gitlab };
  const github = req.get('x-github-event');
  if (github) return { provider: 'github', event: github };
  return undefined;
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether the request carries the provider's signature (or GitLab's token) at all. */
function hasSignature(req: Request, provider: Provider): boolean {
  const header = { gitlab: 'x-gitlab-token', gitea: 'x-gitea-signature', github: 'x-hub-signature-256' }[provider];
  return Boolean(req.get(header));
}

function signatureValid(req: Request, provider: Provider, body: Buffer, secret: string): boolean {
  const hex = createHmac('sha256', secret).update(body).digest('hex');
  if (provider === 'gitlab') return equal(req.get('x-gitlab-token') ?? '', secret);
  if (provider === 'gitea') return equal(req.get('x-gitea-signature') ?? '', hex);
  return equal(req.get('x-hub-signature-256') ?? '', `sha256=${hex}`);
}

async function rawBody(req: Request): Promise<Buffer> {
  // Mounted behind a JSON parser the bytes are gone; the parsed body is all there is.
  if ((req as { _body?: boolean })._body || req.readableEnded) return Buffer.from(JSON.stringify(req.body ?? {}));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new InputError('The webhook payload is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function repoUrlsOf(payload: PushPayload): string[] {
  const urls = [
    payload.repository?.clone_url,
    payload.repository?.html_url,
    payload.repository?.git_http_url,
    payload.project?.git_http_url,
    payload.project?.web_url,
  ];
  return urls.filter((u): u is string => typeof u === 'string' && u.length > 0);
}

/**
 * Push events from GitHub, Gitea and GitLab. Accepted with the shared secret's signature when one
 * is configured (HMAC of the exact bytes, or GitLab's token), or with an API token that may write:
 * a refresh is a write, so read-only tokens and browser sessions are refused. Who is asking is
 * settled before the body is read, so an anonymous caller without a signature costs nothing.
 * Answers once the matching locations are refreshed. Reads the body itself, so the HMAC covers
 * the bytes as sent: mount it before any JSON body parser.
 */
export function createWebhookHandler(options: { service: CatalogService; httpAuth: HttpAuth; secret?: string }): RequestHandler {
  return async (req, res) => {
    const credentials = options.httpAuth.credentials(req);
    const source = providerOf(req);
    if (credentials) {
      if (credentials.type !== 'service' || credentials.access === 'read') {
        throw new NotAllowedError('The push webhook takes its signature or an API token with write access');
      }
    } else if (!options.secret) {
      throw new AuthenticationError('This webhook needs an API token with write access, or configure catalog.webhooks.secret');
    } else if (!source || !hasSignature(req, source.provider)) {
      throw new AuthenticationError('The webhook has no signature: configure the same secret on the git host');
    }
    const body = await rawBody(req);
    if (!credentials && !signatureValid(req, source!.provider, body, options.secret!)) {
      throw new AuthenticationError('The webhook signature or token does not match the configured secret');
    }
    if (!source) throw new InputError('Not a push event from GitHub, Gitea or GitLab: no X-GitHub-Event, X-Gitea-Event or X-Gitlab-Event header');
    if (source.event !== 'push' && source.event !== 'Push Hook') {
      res.status(202).json({ ignored: source.event });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new InputError('The webhook payload is not JSON');
    }
    const payload = parseRequest(pushPayload, json, 'body');
    const branch = payload.ref?.startsWith('refs/heads/') ? payload.ref.slice('refs/heads/'.length) : undefined;
    const refreshed = await options.service.refreshForPush({ repoUrls: repoUrlsOf(payload), branch });
    res.json({ refreshed });
  };
}
