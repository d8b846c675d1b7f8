export type FileChange = 'added' | 'modified' | 'deleted';

/**
 * The seam between ingestion and where files live: a git repository at a commit, or the local
 * file system. Paths are the source's own: repo-relative for git, absolute for files.
 */
export interface LocationSource {
  /** The file the registered location names. */
  readonly rootPath: string;
  /**
   * A cheap identity of the current content: the head commit for git, asked of the remote in one
   * round trip. undefined when the source has none (files), so every refresh compares hashes.
   */
  head(): Promise<string | undefined>;
  /** Makes the head readable (fetches it into the cache); returns the commit read from. */
  prepare(head: string | undefined): Promise<string | undefined>;
  /** Paths changed between two commits, or undefined when the source cannot tell. */
  changes(from: string, to: string): Promise<Map<string, FileChange> | undefined>;
  /**
   * A file's bytes at the prepared commit; undefined only when it does not exist there, since its
   * entities are then deleted. A file that cannot be read (a damaged git cache, a disk error) throws,
   * which fails the refresh and keeps every entity of the location.
   */
  readFile(path: string): Promise<Buffer | undefined>;
  /** Every file under a folder ('' or '/' for the root) at the prepared commit. */
  listFiles(dir: string): Promise<string[]>;
  /** Resolves a Location entity's target, relative to the file that declares it. */
  resolveTarget(fromPath: string, target: string, type: string | undefined): TargetWithoutPresence;
  /**
   * The annotations Backstage puts on an entity read from this file: managed-by-location and,
   * for repositories, source-location, view-url and edit-url. The origin is added by the caller.
   */
  annotations(path: string): Record<string, string>;
}

export type TargetWithoutPresence =
  { kind: 'path'; path: string } | { kind: 'glob'; pattern: string } | { kind: 'external'; type: 'url' | 'file'; target: string };
