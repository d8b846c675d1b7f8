import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { NotFoundError, parseRequest, requireWriter, type Credentials, type HttpAuth } from '@portal/backend-common';
import type { KeyedLock } from '../reader/KeyedLock.js';
import { MAX_SHOWN_FILE_BYTES, defaultBranch, isText, listBranches, listCommits, listTree, readBlob, readCommitDiff, resolveRef } from './browseRepository.js';
import { commitFile } from './commitFile.js';
import { repoDirectory, repositoryExists, repositoryUrls } from './repositories.js';
import { browseQuerySchema, commitFileBodySchema, commitParamsSchema, commitsQuerySchema, repositoryParamsSchema } from './schema.js';

/** Images the file page shows inline; anything else binary is a download. */
const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface WebRoutesOptions {
  root: string;
  baseUrl: string;
  pushLock: KeyedLock;
  httpAuth: HttpAuth;
  /** Throws unless the request may read repositories (the catalog's read rule). */
  requireReader(req: Request): void;
  /** Throws unless the caller may change this file of the repository. */
  authorizeChange(req: Request, credentials: Credentials, target: { owner: string; repo: string; branch: string; path: string }): Promise<void>;
  /** The name and email commits made in the portal carry. */
  authorOf(credentials: Credentials): Promise<{ name: string; email: string }>;
  /** Tells the catalog (and anyone else listening) that a branch moved; resolves when they have heard. */
  notifyBranchMoved(event: { owner: string; repo: string; branch: string; commit: string }): Promise<void>;
}

/**
 * The JSON the repository pages read: a folder, a file, the history and one commit, and saving a
 * file from the editor. Reading follows the catalog's read rule; saving is the write rule.
 */
export function addWebRoutes(router: Router, options: WebRoutesOptions): void {
  const { root, baseUrl } = options;
  const repo = (req: Request) => {
    const { owner, name } = parseRequest(repositoryParamsSchema, req.params, 'path');
    const dir = repoDirectory(root, owner, name);
    if (!repositoryExists(dir)) throw new NotFoundError(`No repository ${owner}/${name}`);
    return { owner, name, dir };
  };
  const at = async (dir: string, ref: string | undefined) => {
    const branch = ref ?? (await defaultBranch(dir));
    return { ref: branch, commit: await resolveRef(dir, branch) };
  };

  router.get('/repos/:owner/:name/tree', async (req, res) => {
    options.requireReader(req);
    const { owner, name, dir } = repo(req);
    const query = parseRequest(browseQuerySchema, req.query, 'query');
    const { ref, commit } = await at(dir, query.ref);
    const entries = commit ? await listTree(dir, commit, query.path) : [];
    res.json({
      owner,
      name,
      ref,
      commit: commit ?? null,
      path: query.path.replace(/^\/+|\/+$/g, ''),
      defaultBranch: await defaultBranch(dir),
      branches: await listBranches(dir),
      cloneUrl: repositoryUrls(baseUrl, owner, name).cloneUrl,
      entries,
    });
  });

  router.get('/repos/:owner/:name/blob', async (req, res) => {
    options.requireReader(req);
    const { owner, name, dir } = repo(req);
    const query = parseRequest(browseQuerySchema, req.query, 'query');
    const { ref, commit } = await at(dir, query.ref);
    if (!commit) throw new NotFoundError(`The repository ${owner}/${name} has no commits yet`);
    const blob = await readBlob(dir, commit, query.path);
    const text = isText(blob.content);
    const extension = path.posix.extname(query.path).toLowerCase();
    res.json({
      owner,
      name,
      ref,
      commit,
      path: query.path.replace(/^\/+/, ''),
      size: blob.size,
      binary: !text,
      image: IMAGE_TYPES[extension] !== undefined,
      // Larger files are not shown: the page offers the raw file instead.
      text: text && !blob.truncated ? blob.content.toString('utf8') : null,
      tooLarge: blob.size > MAX_SHOWN_FILE_BYTES,
      cloneUrl: repositoryUrls(baseUrl, owner, name).cloneUrl,
    });
  });

  // The file's bytes, for images and downloads: never run by the browser, whatever they hold.
  router.get('/repos/:owner/:name/raw', async (req, res) => {
    options.requireReader(req);
    const { dir } = repo(req);
    const query = parseRequest(browseQuerySchema, req.query, 'query');
    const { commit } = await at(dir, query.ref);
    if (!commit) throw new NotFoundError('The repository has no commits yet');
    const blob = await readBlob(dir, commit, query.path, 32 * 1024 * 1024);
    const type = IMAGE_TYPES[path.posix.extname(query.path).toLowerCase()];
    res.setHeader('Content-Type', type ?? (isText(blob.content) ? 'text/plain; charset=utf-8' : 'application/octet-stream'));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=60');
    res.send(blob.content);
  });

  router.get('/repos/:owner/:name/commits', async (req, res) => {
    options.requireReader(req);
    const { dir } = repo(req);
    const query = parseRequest(commitsQuerySchema, req.query, 'query');
    const { ref, commit } = await at(dir, query.ref);
    if (!commit) return void res.json({ ref, items: [], nextCursor: null });
    const page = await listCommits(dir, commit, { path: query.path || undefined, skip: query.cursor, limit: query.limit });
    res.json({ ref, items: page.items, nextCursor: page.more ? String(query.cursor + query.limit) : null });
  });

  router.get('/repos/:owner/:name/commits/:sha', async (req, res) => {
    options.requireReader(req);
    const { dir } = repo(req);
    const { sha } = parseRequest(commitParamsSchema, req.params, 'path');
    res.json(await readCommitDiff(dir, sha));
  });

  router.put('/repos/:owner/:name/files', express.json({ limit: '2mb' }), async (req: Request, res: Response) => {
    const credentials = requireWriter(options.httpAuth, req);
    const { owner, name, dir } = repo(req);
    const input = parseRequest(commitFileBodySchema, req.body, 'body');
    await options.authorizeChange(req, credentials, { owner, repo: name, branch: input.branch, path: input.path });
    const author = await options.authorOf(credentials);
    const message = input.message ?? `Update ${input.path.replace(/^\/+/, '')}`;
    // One writer per repository at a time, pushes included: the branch cannot move mid-commit.
    const result = await options.pushLock.write(dir, () => commitFile({ gitdir: dir, ...input, message, author }));
    // The answer waits (a little) for the catalog to read the change, so the page opened next shows it.
    if (result.changed) await options.notifyBranchMoved({ owner, repo: name, branch: input.branch, commit: result.commit });
    res.json({ commit: result.commit, changed: result.changed });
  });
}
