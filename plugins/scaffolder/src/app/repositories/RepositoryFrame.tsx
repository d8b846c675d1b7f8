import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { PageLayout } from '@portal/app-api';
import { repoPath, type RepoRef } from './repositoryApi.js';

/** Folder links from the repository's root down to `path`; the last segment is plain text. */
export function PathCrumbs({ repo, gitRef, path }: { repo: RepoRef; gitRef: string; path: string }) {
  const segments = path.split('/').filter(Boolean);
  return (
    <Breadcrumbs aria-label="Path" sx={{ mb: 2, '& ol': { flexWrap: 'wrap' } }}>
      <Link component={RouterLink} to={repoPath(repo, 'tree', gitRef)}>
        {repo.name}
      </Link>
      {segments.map((segment, index) =>
        index === segments.length - 1 ? (
          <Typography key={index} sx={{ color: 'text.primary', fontWeight: 500 }}>
            {segment}
          </Typography>
        ) : (
          <Link key={index} component={RouterLink} to={repoPath(repo, 'tree', gitRef, segments.slice(0, index + 1).join('/'))}>
            {segment}
          </Link>
        ),
      )}
    </Breadcrumbs>
  );
}

/** Every repository page's frame: the repository's name, Code and History tabs, then the page. */
export function RepositoryFrame({
  repo,
  gitRef,
  tab,
  subtitle,
  actions,
  tabTitle,
  children,
}: {
  repo: RepoRef;
  gitRef: string;
  tab: 'code' | 'history' | false;
  subtitle?: ReactNode;
  actions?: ReactNode;
  tabTitle?: string;
  children: ReactNode;
}) {
  return (
    <PageLayout title={`${repo.owner}/${repo.name}`} subtitle={subtitle} actions={actions} tabTitle={tabTitle}>
      <Stack spacing={2}>
        <Tabs value={tab} aria-label="Repository" sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Tab value="code" label="Code" component={RouterLink} to={repoPath(repo, 'tree', gitRef)} />
          <Tab value="history" label="History" component={RouterLink} to={repoPath(repo, 'commits', gitRef)} />
        </Tabs>
        {children}
      </Stack>
    </PageLayout>
  );
}
