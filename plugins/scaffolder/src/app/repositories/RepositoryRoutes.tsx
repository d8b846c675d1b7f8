import { Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import { PageLayout, EmptyState } from '@portal/app-api';
import { RepositoryCommitPage } from './RepositoryCommitPage.js';
import { RepositoryCommitsPage } from './RepositoryCommitsPage.js';
import { RepositoryEditPage } from './RepositoryEditPage.js';
import { RepositoryFilePage } from './RepositoryFilePage.js';
import { RepositoryTreePage } from './RepositoryTreePage.js';
import type { RepoRef } from './repositoryApi.js';

/** The repository a page's URL names; `…/acme/payments.git` opened in a browser is the same one. */
function useRepo(): RepoRef & { ref?: string; path: string } {
  const params = useParams();
  return {
    owner: params.owner!,
    name: params.repo!.replace(/\.git$/, ''),
    ref: params.ref,
    // Only routes with a ref have a path; without one, `*` is what /git/* matched, not a path.
    path: params.ref === undefined ? '' : (params['*'] ?? '').replace(/^\/+|\/+$/g, ''),
  };
}

function Tree() {
  const { ref, path, ...repo } = useRepo();
  return <RepositoryTreePage key={`${ref}:${path}`} repo={repo} gitRef={ref} path={path} />;
}

function File() {
  const { ref, path, ...repo } = useRepo();
  return <RepositoryFilePage key={`${ref}:${path}`} repo={repo} gitRef={ref!} path={path} />;
}

function Edit() {
  const { ref, path, ...repo } = useRepo();
  return <RepositoryEditPage key={`${ref}:${path}`} repo={repo} gitRef={ref!} path={path} />;
}

function Commits() {
  const { ref, ...repo } = useRepo();
  const [search] = useSearchParams();
  return <RepositoryCommitsPage repo={{ owner: repo.owner, name: repo.name }} gitRef={ref!} path={search.get('path') ?? ''} />;
}

function Commit() {
  const { owner, name } = useRepo();
  const { sha } = useParams();
  return <RepositoryCommitPage repo={{ owner, name }} sha={sha!} />;
}

/** Everything under /git: the pages of the portal's own repositories, at the URLs the catalog writes. */
export default function RepositoryRoutes() {
  return (
    <Routes>
      <Route path=":owner/:repo" element={<Tree />} />
      <Route path=":owner/:repo/tree/:ref/*" element={<Tree />} />
      <Route path=":owner/:repo/blob/:ref/*" element={<File />} />
      <Route path=":owner/:repo/edit/:ref/*" element={<Edit />} />
      <Route path=":owner/:repo/commits/:ref/*" element={<Commits />} />
      <Route path=":owner/:repo/commit/:sha" element={<Commit />} />
      <Route
        path="*"
        element={
          <PageLayout title="Repositories">
            <EmptyState title="Page not found" description="There is no such repository page. The Repositories page lists them all." />
          </PageLayout>
        }
      />
    </Routes>
  );
}
