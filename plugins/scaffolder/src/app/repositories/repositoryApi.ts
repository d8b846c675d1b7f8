import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@portal/app-api';
import type { RepositoryCommit, RepositoryCommitPage, RepositoryFile, RepositoryTree, SaveFileRequest } from '../../common/repositoryTypes.js';

/** Names one repository of the portal's git host, as its pages' URLs do. */
export interface RepoRef {
  owner: string;
  name: string;
}

const base = ({ owner, name }: RepoRef) => `/api/git/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
const query = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The page of the repository's file or folder, inside the app. */
export function repoPath(repo: RepoRef, view: 'tree' | 'blob' | 'edit' | 'commits', ref: string, path = ''): string {
  const encoded = path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return `/git/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/${view}/${encodeURIComponent(ref)}${encoded ? `/${encoded}` : ''}`;
}

export function commitPath(repo: RepoRef, sha: string): string {
  return `/git/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/commit/${sha}`;
}

/** Where an image or download of the repository is fetched from. */
export function rawUrl(repo: RepoRef, ref: string, path: string): string {
  return `${base(repo)}/raw${query({ ref, path })}`;
}

export const repositoryKeys = {
  all: (repo: RepoRef) => ['git', 'repo', repo.owner, repo.name] as const,
};

export function useRepositoryTree(repo: RepoRef, ref: string | undefined, path: string) {
  return useQuery({
    queryKey: [...repositoryKeys.all(repo), 'tree', ref ?? '', path],
    queryFn: () => fetchJson<RepositoryTree>(`${base(repo)}/tree${query({ ref, path })}`),
  });
}

export function useRepositoryFile(repo: RepoRef, ref: string, path: string, options: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: [...repositoryKeys.all(repo), 'blob', ref, path],
    queryFn: () => fetchJson<RepositoryFile>(`${base(repo)}/blob${query({ ref, path })}`),
    // The editor must start from the branch as it is now, or its save would be refused as stale.
    ...(options.fresh ? { staleTime: 0, gcTime: 0 } : {}),
  });
}

export function useRepositoryCommits(repo: RepoRef, ref: string, path: string) {
  return useInfiniteQuery({
    queryKey: [...repositoryKeys.all(repo), 'commits', ref, path],
    queryFn: ({ pageParam }) => fetchJson<RepositoryCommitPage>(`${base(repo)}/commits${query({ ref, path, cursor: pageParam, limit: '30' })}`),
    initialPageParam: '0',
    getNextPageParam: page => page.nextCursor ?? undefined,
  });
}

export function useRepositoryCommit(repo: RepoRef, sha: string) {
  return useQuery({
    queryKey: [...repositoryKeys.all(repo), 'commit', sha],
    queryFn: () => fetchJson<RepositoryCommit>(`${base(repo)}/commits/${sha}`),
    staleTime: Infinity,
  });
}

export function saveFile(repo: RepoRef, body: SaveFileRequest): Promise<{ commit: string; changed: boolean }> {
  return fetchJson(`${base(repo)}/files`, { method: 'PUT', body });
}
