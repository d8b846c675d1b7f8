import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError, type Logger } from '@portal/backend-common';
import git, { Errors } from 'isomorphic-git';
import type { GitIntegration } from '../config.js';
import { commitAndPush, type CommitAndPushOptions } from '../writer/commitAndPush.js';
import { initCache } from './initCache.js';
import { fetchPack } from './fetchPack.js';
import { GitReadError, gitReadError } from './GitReadError.js';
import { createObjectFs } from './objectFs.js';
import { HostPolicy, usernameFor } from './hostPolicy.js';
import { KeyedLock } from './KeyedLock.js';
import { buildWebUrl, parseLocation, type ParsedLocation } from './parseLocation.js';
import { httpClient, isRemoteFailure, lsRemote, remoteError, type RemoteTarget } from './remote.js';
import {
  cleanRepoPath,
  commitTree,
  diffTrees,
  findEntry,
  hasCommit,
  hasObject,
  keepRawTree,
  listTreeFiles,
  RAW_TREE_MIN_BYTES,
  type PathChange,
  type TreeEntry,
  type TreeSource,
} from './treeReading.js';

export interface GitReaderOptions {
  cacheDir: string;
  integrations: GitIntegration[];
  /** Host globs readable without an integration (`backend.reading.allow`). */
  allowedHosts?: string[];
  logger?: Logger;
}

/**
 * Reads repositories by URL through a shallow on-disk cache, one bare repository per remote.
 * Fetches hold the cache's write lock and reads its read lock, so concurrent readers in this
 * process never see a half-written pack. A cache that turns out damaged is wiped and fetched again:
 * by the fetch that finds it so, or by the next fetch after a read found it so.
 *
 * Reads tell "absent" from "unreadable": NotFoundError only when the commit's trees were read and
 * the path is not in them, GitReadError (see GitReadError.ts) when the cache cannot answer.
 */
// Shared by every reader in the process, so two readers given the same cache directory still
// take turns writing to it.
const cacheLock = new KeyedLock();
const objectCaches = new Map<string, TreeSource>();
/** Caches a read found damaged (an object unreadable at a commit they hold): the next fetch rebuilds them. */
const damagedCaches = new Set<string>();

export class GitReader {
  private readonly policy: HostPolicy;
  private readonly lock = cacheLock;
  private readonly objectCaches = objectCaches;

  constructor(private readonly options: GitReaderOptions) {
    this.policy = new HostPolicy(options.integrations, options.allowedHosts);
  }

  /** Throws InputError for unknown URL forms and hosts that are not configured or allowed. */
  parseUrl(url: string): ParsedLocation {
    return parseLocation(this.policy.resolve(url));
  }

  webUrl(location: ParsedLocation, path: string): string {
    return buildWebUrl(location, path);
  }

  /** The commit a ref points at on the remote (the default branch when omitted); downloads no objects. */
  async headCommit(repoUrl: string, ref?: string): Promise<string> {
    return (await lsRemote(this.target(repoUrl), repoUrl, ref)).commit;
  }

  /** Makes the ref's current commit readable from the cache and returns it. */
  async fetch(repoUrl: string, ref?: string): Promise<string> {
    const target = this.target(repoUrl);
    const { commit, fullRef } = await lsRemote(target, repoUrl, ref);
    const gitdir = this.gitdirOf(repoUrl);
    return this.lock.write(gitdir, async () => {
      if (damagedCaches.has(gitdir)) {
        // Fetching on top would keep the damage (the commit may well be cached): start afresh.
        this.options.logger?.warn({ repoUrl }, `Rebuilding the git cache of ${repoUrl}, which a read found damaged`);
        await this.wipe(gitdir, target.url).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new GitReadError(`The git cache of ${repoUrl} is damaged and could not be removed: ${reason}`, { cause: error });
        });
      }
      // The commit is already cached (fetched before, by this or another location): nothing to download.
      if (await hasCommit(this.source(gitdir), commit)) return commit;
      if (fullRef === commit) {
        throw new NotFoundError(`Commit ${commit} of ${repoUrl} is not cached, and commits can only be fetched through a branch or tag`);
      }
      try {
        return await this.fetchInto(gitdir, target, repoUrl, fullRef);
      } catch (error) {
        if (isRemoteFailure(error)) throw remoteError(error, repoUrl);
        // Not the remote's fault, so most likely a damaged cache: start from an empty one, once.
        this.options.logger?.warn({ repoUrl }, `Rebuilding the git cache of ${repoUrl} after: ${(error as Error).message}`);
        await this.wipe(gitdir, target.url);
        try {
          return await this.fetchInto(gitdir, target, repoUrl, fullRef);
        } catch (retryError) {
          throw remoteError(retryError, repoUrl);
        }
      }
    });
  }

  /**
   * A file's contents at a commit fetched before. NotFoundError when the path is not a file at
   * that commit; GitReadError when the cache cannot tell (see GitReadError.ts).
   */
  async readFile(repoUrl: string, commit: string, filePath: string): Promise<Buffer> {
    const filepath = cleanRepoPath(filePath);
    const gitdir = this.gitdirOf(repoUrl);
    return this.lock.read(gitdir, async () => {
      const source = this.source(gitdir);
      const entry = await this.entryAt(source, repoUrl, commit, filepath);
      if (!entry || entry.type !== 'blob') throw new NotFoundError(`No file ${filepath} at commit ${commit} of ${repoUrl}`);
      try {
        const { blob } = await git.readBlob({ fs: source.fs, gitdir, oid: entry.oid, cache: source.cache });
        return Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
      } catch (error) {
        throw this.readFailed(source, error, `${filepath} at commit ${commit} of ${repoUrl}`);
      }
    });
  }

  /**
   * Every file under a folder at a commit (recursive, repo-relative paths, sorted). NotFoundError
   * when the path is not a folder at that commit; GitReadError when the cache cannot tell.
   */
  async listFiles(repoUrl: string, commit: string, dir = ''): Promise<string[]> {
    const filepath = cleanRepoPath(dir);
    const gitdir = this.gitdirOf(repoUrl);
    return this.lock.read(gitdir, async () => {
      const source = this.source(gitdir);
      const entry = await this.entryAt(source, repoUrl, commit, filepath);
      if (!entry || entry.type !== 'tree') throw new NotFoundError(`No folder ${filepath || '/'} at commit ${commit} of ${repoUrl}`);
      try {
        return (await listTreeFiles(source, entry.oid, filepath)).sort();
      } catch (error) {
        throw this.readFailed(source, error, `the folder ${filepath || '/'} at commit ${commit} of ${repoUrl}`);
      }
    });
  }

  /**
   * Paths that differ between two cached commits. Undefined when either commit is not in the
   * cache (never fetched, or the cache was rebuilt): the caller then re-reads everything.
   */
  async changedPaths(repoUrl: string, from: string, to: string): Promise<PathChange[] | undefined> {
    const gitdir = this.gitdirOf(repoUrl);
    return this.lock.read(gitdir, async () => {
      const source = this.source(gitdir);
      if (!(await hasCommit(source, from)) || !(await hasCommit(source, to))) return undefined;
      try {
        const [a, b] = await Promise.all([commitTree(source, from), commitTree(source, to)]);
        const changes = await diffTrees(source, a, b, '');
        return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
      } catch (error) {
        throw this.readFailed(source, error, `the changes from ${from} to ${to} of ${repoUrl}`);
      }
    });
  }

  /**
   * Commits a directory and pushes it to a branch of a repository on a configured host, with
   * that host's token (for the portal's own host, the service token). The host must be one the
   * reader accepts, so a template cannot push to an arbitrary address.
   */
  async commitAndPush(options: Omit<CommitAndPushOptions, 'remoteUrl' | 'token' | 'username'> & { repoUrl: string }): Promise<{ commit: string }> {
    const { url, integration } = this.policy.resolve(options.repoUrl);
    const { repoUrl: _repoUrl, ...rest } = options;
    return commitAndPush({ ...rest, remoteUrl: url.href, token: integration.token, username: usernameFor(integration) });
  }

  private async fetchInto(gitdir: string, target: RemoteTarget, repoUrl: string, fullRef: string): Promise<string> {
    await this.ensureUsable(gitdir, target.url);
    // With the ref's previous commit in the cache, the fetch names it as `have` and brings only the
    // commits since it and the objects they add; a depth-1 fetch would make the remote send the
    // whole tree again. Rewritten history costs more once: the commits back to the last one we share.
    const previous = fullRef.startsWith('refs/') ? await git.resolveRef({ fs, gitdir, ref: fullRef }).catch(() => undefined) : undefined;
    const incremental = previous !== undefined && (await hasCommit(this.source(gitdir), previous));
    const fetched = await this.renewingSource(
      gitdir,
      fetchPack({ gitdir, target, ref: fullRef, http: httpClient, have: incremental ? previous : undefined, keepTreesOf: RAW_TREE_MIN_BYTES }),
    );
    if (fetched) {
      // The widest folders' new versions, inflated to index the pack: the next diff compares them as they are.
      for (const [oid, raw] of fetched.trees) keepRawTree(oid, raw);
      return this.recordFetched(gitdir, repoUrl, fullRef, fetched.commit);
    }
    const result = await this.renewingSource(
      gitdir,
      git.fetch({
        fs,
        http: httpClient,
        gitdir,
        url: target.url,
        headers: { ...target.headers },
        ref: fullRef,
        singleBranch: true,
        ...(incremental ? {} : { depth: 1 }),
        tags: false,
        cache: this.source(gitdir).cache,
      }),
    );
    if (!result.fetchHead) throw new NotFoundError(`The repository ${repoUrl} has no commits yet`);
    return this.recordFetched(gitdir, repoUrl, fullRef, result.fetchHead);
  }

  /** Renews the cache's source once a fetch settles, keeping pack indexes only when it worked. */
  private renewingSource<T>(gitdir: string, fetching: Promise<T>): Promise<T> {
    return fetching.then(
      fetched => {
        this.renewSource(gitdir, { keepPackIndexes: true });
        return fetched;
      },
      (error: unknown) => {
        this.renewSource(gitdir, { keepPackIndexes: false });
        throw error;
      },
    );
  }

  /** Records what a fetch brought under the ref's name and returns the commit it names. */
  private async recordFetched(gitdir: string, repoUrl: string, fullRef: string, fetched: string): Promise<string> {
    if (fullRef.startsWith('refs/')) {
      // Recorded under its own name so the next fetch tells the remote what we already have.
      await git.writeRef({ fs, gitdir, ref: fullRef, value: fetched, force: true });
    }
    const commit = await this.peel(gitdir, fetched);
    if (!(await hasCommit(this.source(gitdir), commit))) throw new Error(`commit ${commit} is missing after the fetch`);
    return commit;
  }

  /** Follows annotated tags to the commit they name. */
  private async peel(gitdir: string, oid: string): Promise<string> {
    let current = oid;
    for (let depth = 0; depth < 10; depth++) {
      const object = await git.readObject({ fs, gitdir, oid: current, cache: this.source(gitdir).cache });
      if (object.type !== 'tag') return current;
      current = (object.object as { object: string }).object;
    }
    return current;
  }

  /** Creates the cache on first use, and wipes it when a ref points at an object that is gone. */
  private async ensureUsable(gitdir: string, url: string): Promise<void> {
    if (fs.existsSync(path.join(gitdir, 'HEAD')) && fs.existsSync(path.join(gitdir, 'objects'))) {
      const refs = await git.listRefs({ fs, gitdir, filepath: 'refs' }).catch(() => undefined);
      let healthy = refs !== undefined;
      for (const ref of refs ?? []) {
        const oid = await git.resolveRef({ fs, gitdir, ref: `refs/${ref}` }).catch(() => undefined);
        if (!oid || !(await hasObject(this.source(gitdir), oid))) healthy = false;
      }
      if (healthy) return;
      this.options.logger?.warn({ gitdir }, 'The git cache is damaged; rebuilding it');
    }
    await this.wipe(gitdir, url);
  }

  private async wipe(gitdir: string, url: string): Promise<void> {
    this.objectCaches.delete(gitdir);
    await fs.promises.rm(gitdir, { recursive: true, force: true });
    await initCache(gitdir, url);
    damagedCaches.delete(gitdir);
  }

  /**
   * The entry at a path of a commit: undefined only when the commit's trees were read and the
   * path is not in them. Throws GitReadError when the commit or a tree on the way cannot be read.
   */
  private async entryAt(source: TreeSource, repoUrl: string, commit: string, filepath: string): Promise<Pick<TreeEntry, 'oid' | 'type'> | undefined> {
    let tree: string;
    try {
      tree = await commitTree(source, commit);
    } catch (error) {
      // Never fetched, or lost with its pack: not damage to rebuild for, since the next fetch
      // brings the commit back (and a cache whose refs name lost objects is rebuilt by it).
      if (error instanceof Errors.NotFoundError) {
        throw new GitReadError(`Commit ${commit} of ${repoUrl} is not in the git cache: fetch it first`, { cause: error });
      }
      throw this.readFailed(source, error, `commit ${commit} of ${repoUrl}`);
    }
    try {
      return await findEntry(source, tree, filepath);
    } catch (error) {
      throw this.readFailed(source, error, `${filepath || '/'} at commit ${commit} of ${repoUrl}`);
    }
  }

  /**
   * A read failed at a commit the cache holds: an object is missing, truncated or fails its
   * checksum, or the disk refused. The next fetch rebuilds the cache instead of trusting it; a
   * passing fault (too many open files) costs one full fetch, which is the safe side to err on.
   */
  private readFailed(source: TreeSource, error: unknown, what: string): GitReadError {
    damagedCaches.add(source.gitdir);
    return gitReadError(error, what);
  }

  private target(repoUrl: string): RemoteTarget {
    const { url, integration } = this.policy.resolve(repoUrl);
    // The portal's own host holds few refs per repository, so the one-exchange protocol is quicker.
    return { url: url.href, headers: this.policy.authorizationFor(integration), protocolVersion: integration.type === 'local' ? 1 : 2 };
  }

  private gitdirOf(repoUrl: string): string {
    const key = createHash('sha256').update(repoUrl).digest('hex').slice(0, 32);
    return path.resolve(this.options.cacheDir, key);
  }

  /**
   * After a fetch: a new pack may have been added, so reads list the pack folder afresh. Parsed
   * trees are named by their content and stay right, so the next diff and walk need not parse
   * unchanged folders again; after a fetch that worked, the indexes of the packs already loaded
   * stay too (packs are only ever added, never rewritten, until the cache is wiped). A failed
   * fetch starts from nothing but the trees.
   */
  private renewSource(gitdir: string, options: { keepPackIndexes: boolean }): void {
    const before = this.objectCaches.get(gitdir);
    this.objectCaches.delete(gitdir);
    if (!before) return;
    const after = this.source(gitdir);
    after.trees = before.trees;
    after.treeIndexes = before.treeIndexes;
    after.commitTrees = before.commitTrees;
    if (options.keepPackIndexes) after.cache = before.cache;
  }

  private source(gitdir: string): TreeSource {
    let source = this.objectCaches.get(gitdir);
    if (!source) {
      source = { gitdir, cache: {}, fs: createObjectFs(gitdir), trees: new Map(), commitTrees: new Map() };
      this.objectCaches.set(gitdir, source);
    }
    return source;
  }
}
