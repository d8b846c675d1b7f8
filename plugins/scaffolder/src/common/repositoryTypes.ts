/** What the portal's git host answers for its repository pages (`/api/git/repos/:owner/:name/…`). */

export interface RepositoryTreeEntry {
  name: string;
  path: string;
  type: 'tree' | 'blob' | 'commit';
  size?: number;
}

export interface RepositoryTree {
  owner: string;
  name: string;
  ref: string;
  /** null for a repository without commits. */
  commit: string | null;
  path: string;
  defaultBranch: string;
  branches: string[];
  cloneUrl: string;
  entries: RepositoryTreeEntry[];
}

export interface RepositoryFile {
  owner: string;
  name: string;
  ref: string;
  commit: string;
  path: string;
  size: number;
  binary: boolean;
  image: boolean;
  /** The text, unless the file is binary or too large to show. */
  text: string | null;
  tooLarge: boolean;
  cloneUrl: string;
}

export interface RepositoryCommitSummary {
  sha: string;
  subject: string;
  body: string;
  author: { name: string; email: string };
  date: string;
}

export interface RepositoryCommitPage {
  ref: string;
  items: RepositoryCommitSummary[];
  nextCursor: string | null;
}

export interface RepositoryFileChange {
  path: string;
  oldPath?: string;
  change: 'added' | 'modified' | 'deleted' | 'renamed';
  binary: boolean;
  patch: string;
}

export interface RepositoryCommit extends RepositoryCommitSummary {
  parents: string[];
  files: RepositoryFileChange[];
  truncated: boolean;
}

/** PUT /api/git/repos/:owner/:name/files */
export interface SaveFileRequest {
  branch: string;
  path: string;
  content: string;
  expectedCommit: string;
  message?: string;
}
