import path from 'node:path';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  parseRequest,
  readConfigSections,
  requireWriter,
  type BackendPlugin,
  type Credentials,
  type Permissions,
  type PluginEnvironment,
} from '@portal/backend-common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { gitConfigSection } from '../config.js';
import { KeyedLock } from '../reader/KeyedLock.js';
import { defaultBranch } from './browseRepository.js';
import { readRefs } from './gitCli.js';
import { runHttpBackend } from './httpBackend.js';
import { serveRawFile } from './rawFile.js';
import { createRepository, describeRepository, listRepositories, repoDirectory, repositoryExists, type HostedRepository } from './repositories.js';
import { createRepositoryBodySchema } from './schema.js';
import { addWebRoutes } from './webRoutes.js';

export interface PushEvent {
  owner: string;
  repo: string;
  /** The clone URL, as GitReader.parseUrl gives it for this repository's locations. */
  repoUrl: string;
  /** The full ref name, such as `refs/heads/main`. */
  ref: string;
  /** The branch name when a branch was pushed, such as `main`. */
  branch?: string;
  commit: string;
}

export interface GitHostOptions {
  /** Where bare repositories live; defaults to `git.directory` from config, relative to `cwd`. */
  directory?: string;
  cwd?: string;
  /** Only config, logger, httpAuth and baseUrl are used. */
  env: Pick<PluginEnvironment, 'config' | 'logger' | 'httpAuth' | 'baseUrl'>;
  /**
   * Who may create repositories over the API (`git.repository.create`: owners of the target
   * namespace and admins). Without it, any caller that may write can.
   */
  permissions?: Permissions;
  /** Called after every successful push that moved a branch or tag (not for deletions). */
  onPush?: (event: PushEvent) => void | Promise<void>;
  /** What the catalog knows of the repositories: who owns what they hold, and people's names. */
  catalog?: RepositoryCatalog;
}

/** Where a change lands: a file of a branch, or (without path) the repository as a whole. */
export interface ChangeTarget {
  owner: string;
  repo: string;
  branch: string;
  path?: string;
}

/** The catalog's side of the git host's decisions, supplied by the backend. */
export interface RepositoryCatalog {
  /**
   * The owners of the entities a file holds (or, for a file that holds none, of the entities
   * read from the nearest folder above it; without a path, from the repository's root folder).
   * Empty when the catalog knows of none: the repository's namespace then decides.
   */
  ownersOf(target: ChangeTarget): Promise<string[]>;
  /** The name and email the person's commits carry. */
  authorOf(userEntityRef: string): Promise<{ name: string; email: string } | undefined>;
}

export interface GitHost {
  plugin: BackendPlugin;
  /** Git's smart HTTP protocol; mount at /git before any body parser or compression. */
  smartHttp: RequestHandler & { routes: typeof SMART_HTTP_ROUTES };
  createRepository(input: { owner: string; name: string; description?: string }): Promise<HostedRepository>;
  listRepositories(): Promise<HostedRepository[]>;
}

/** What smartHttp answers, for route listings (it dispatches by the patterns below, not by a router). */
export const SMART_HTTP_ROUTES = [
  { method: 'GET', path: '/:owner/:repo/info/refs' },
  { method: 'POST', path: '/:owner/:repo/git-upload-pack' },
  { method: 'POST', path: '/:owner/:repo/git-receive-pack' },
  { method: 'GET', path: '/:owner/:repo/blob/:ref/*path' },
] as const;

/**
 * A browser opening a repository's address (a page, not git and not a script asking for the raw
 * file): the app answers it with the repository pages. Git clients never ask for HTML.
 */
export function isRepositoryPageRequest(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !SMART_PATH.test(req.path) && /\btext\/html\b/.test(req.headers.accept ?? '');
}

/** How long saving a file in the portal waits for the push hook (the catalog's refresh) before answering. */
const HOOK_WAIT_MS = 5_000;

/** Smart HTTP endpoints only; the dumb protocol's direct file access stays closed. */
const SMART_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;
const BLOB_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/blob\/([^/]+)\/(.+)$/;

/**
 * Static tokens may push unless marked `access: read`; people push with a personal token that may
 * write (a browser session pushes through the portal's editor instead).
 */
function canPush(credentials: Credentials): boolean {
  return credentials.type === 'service' ? credentials.access !== 'read' : credentials.access === 'write';
}

/**
 * The entity a repository owner namespace stands for: the person's own name is theirs, any other
 * name is the team of that name. So people create repositories under their teams, and nobody
 * takes a name another team's templates will need.
 */
function namespaceOwnerRef(credentials: Credentials, owner: string): string {
  const name = owner.toLowerCase();
  return credentials.type === 'user' && credentials.userEntityRef.toLowerCase() === `user:default/${name}` ? `user:default/${name}` : `group:default/${name}`;
}

function subjectOf(credentials: Credentials): string {
  return credentials.type === 'service' ? credentials.subject : credentials.userEntityRef;
}

export function createGitHost(options: GitHostOptions): GitHost {
  const { env } = options;
  const root = path.resolve(options.cwd ?? process.cwd(), options.directory ?? readConfigSections(env.config, { git: gitConfigSection }).git.directory);
  const baseUrl = env.baseUrl.replace(/\/+$/, '');
  const pushLock = new KeyedLock();

  const requireReader = (req: Request, res: Response): Credentials => {
    const credentials = env.httpAuth.credentials(req);
    if (!credentials) {
      // Tells git to ask for a user name and password (the token) and try again.
      res.setHeader('WWW-Authenticate', 'Basic realm="portal"');
      throw new AuthenticationError('Reading repositories needs credentials: a token as the HTTP Basic password');
    }
    return credentials;
  };

  /** Runs the push hook for each event; resolves when all have finished (a failure is only logged). */
  const notifyPush = (events: PushEvent[]): Promise<unknown> =>
    Promise.all(
      events.map(event =>
        Promise.resolve()
          .then(() => options.onPush?.(event))
          .catch(error => env.logger.error({ err: error, repoUrl: event.repoUrl }, 'A push hook failed')),
      ),
    );

  /**
   * The write rule for people (`git.repository.write`): owners of what the file or repository
   * holds per the catalog, else of its namespace; admins always. Static tokens that may write are
   * trusted scripts, as everywhere else.
   */
  const authorizeChange = async (req: Request, credentials: Credentials, target: ChangeTarget) => {
    if (credentials.type === 'service' || !options.permissions) return;
    const owners = (await options.catalog?.ownersOf(target)) ?? [];
    options.permissions.requirePermission(req, 'git.repository.write', {
      ownerRefs: owners.length > 0 ? owners : [namespaceOwnerRef(credentials, target.owner)],
    });
  };

  const smartHttp = async (req: Request, res: Response, next: NextFunction) => {
    if (isRepositoryPageRequest(req)) return next();
    const blob = BLOB_PATH.exec(req.path);
    if (blob && req.method === 'GET') {
      requireReader(req, res);
      const [, owner, name, ref, filePath] = blob.map(part => {
        try {
          return decodeURIComponent(part ?? '');
        } catch {
          throw new InputError(`The URL ${req.originalUrl} is not valid`);
        }
      });
      const dir = repoDirectory(root, owner!, name!);
      if (!repositoryExists(dir)) throw new NotFoundError(`No repository ${owner}/${name}`);
      await serveRawFile(res, dir, ref!, filePath!);
      return;
    }
    const match = SMART_PATH.exec(req.path);
    if (!match) throw new NotFoundError(`No git endpoint at ${req.originalUrl}`);
    const [, owner, name, endpoint] = match as unknown as [string, string, string, string];
    const isPush = endpoint === 'git-receive-pack' || (endpoint === 'info/refs' && req.query.service === 'git-receive-pack');
    const credentials = requireReader(req, res);
    if (isPush && !canPush(credentials))
      throw new NotAllowedError('Pushing needs a token with write access: a personal token of scope "read and write", or a static token');
    const dir = repoDirectory(root, owner, name);
    if (!repositoryExists(dir)) throw new NotFoundError(`No repository ${owner}/${name}`);
    if (isPush) await authorizeChange(req, credentials, { owner, repo: name, branch: await defaultBranch(dir).catch(() => 'main') });
    const run = () =>
      runHttpBackend({
        projectRoot: root,
        pathInfo: `/${owner}/${name}.git/${endpoint}`,
        remoteUser: subjectOf(credentials),
        req,
        res,
        logger: env.logger,
      });
    if (endpoint !== 'git-receive-pack' || req.method !== 'POST') {
      await run();
      return;
    }
    // Pushes to one repository run one at a time, so the refs before and after belong to this push.
    const events = await pushLock.write(dir, async () => {
      const before = await readRefs(dir);
      if ((await run()) !== 0) return [];
      const after = await readRefs(dir);
      const changed: PushEvent[] = [];
      for (const [ref, commit] of after) {
        if (before.get(ref) === commit) continue;
        const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
        changed.push({ owner, repo: name, repoUrl: `${baseUrl}/git/${owner}/${name}.git`, ref, ...(branch ? { branch } : {}), commit });
      }
      return changed;
    });
    void notifyPush(events);
  };

  const router = express.Router();
  router.get('/repos', async (req, res) => {
    env.httpAuth.requireCredentials(req);
    res.json(await listRepositories(root, baseUrl));
  });
  router.post('/repos', express.json({ limit: '64kb' }), async (req, res) => {
    const credentials = requireWriter(env.httpAuth, req);
    const input = parseRequest(createRepositoryBodySchema, req.body, 'body');
    options.permissions?.requirePermission(req, 'git.repository.create', { ownerRefs: [namespaceOwnerRef(credentials, input.owner)] });
    const created = await createRepository({ root, baseUrl, ...input });
    env.logger.info({ owner: created.owner, name: created.name, by: subjectOf(credentials) }, 'Created a git repository');
    res.status(201).json(created);
  });
  router.get('/repos/:owner/:name', async (req, res) => {
    env.httpAuth.requireCredentials(req);
    const dir = repoDirectory(root, req.params.owner, req.params.name);
    if (!repositoryExists(dir)) throw new NotFoundError(`No repository ${req.params.owner}/${req.params.name}`);
    res.json(await describeRepository(root, baseUrl, req.params.owner, req.params.name));
  });
  addWebRoutes(router, {
    root,
    baseUrl,
    pushLock,
    httpAuth: env.httpAuth,
    requireReader: req => {
      if (options.permissions) options.permissions.requirePermission(req, 'catalog.entity.read');
      else env.httpAuth.requireCredentials(req);
    },
    authorizeChange,
    authorOf: async credentials => {
      if (credentials.type === 'service') return { name: credentials.subject, email: `${credentials.subject}@portal.invalid` };
      const found = await options.catalog?.authorOf(credentials.userEntityRef);
      const name = credentials.userEntityRef.replace(/^user:(default\/)?/, '');
      return found ?? { name, email: `${name}@portal.invalid` };
    },
    notifyBranchMoved: async event => {
      const heard = notifyPush([{ ...event, repoUrl: `${baseUrl}/git/${event.owner}/${event.repo}.git`, ref: `refs/heads/${event.branch}` }]);
      await Promise.race([heard, new Promise(resolve => setTimeout(resolve, HOOK_WAIT_MS).unref())]);
    },
  });

  return {
    plugin: { id: 'git', router },
    smartHttp: Object.assign(smartHttp, { routes: SMART_HTTP_ROUTES }),
    createRepository: input => createRepository({ root, baseUrl, ...input }),
    listRepositories: () => listRepositories(root, baseUrl),
  };
}
