import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { EmptyState, ErrorPanel, Progress } from '@portal/app-api';
import { RepositoryFrame } from './RepositoryFrame.js';
import { commitPath, repoPath, useRepositoryCommits, type RepoRef } from './repositoryApi.js';

/** The history of a branch (or of one path on it), newest first, a page at a time. */
export function RepositoryCommitsPage({ repo, gitRef, path }: { repo: RepoRef; gitRef: string; path: string }) {
  const commits = useRepositoryCommits(repo, gitRef, path);
  const items = commits.data?.pages.flatMap(page => page.items) ?? [];
  return (
    <RepositoryFrame
      repo={repo}
      gitRef={gitRef}
      tab="history"
      tabTitle={`History · ${repo.owner}/${repo.name}`}
      subtitle={
        path ? (
          <>
            History of{' '}
            <Link component={RouterLink} to={repoPath(repo, 'blob', gitRef, path)}>
              {path}
            </Link>{' '}
            on {gitRef}
          </>
        ) : (
          `History of ${gitRef}`
        )
      }
    >
      {commits.isPending ? (
        <Progress label="Loading the history" />
      ) : commits.isError ? (
        <ErrorPanel error={commits.error} title="Could not load the history" />
      ) : items.length === 0 ? (
        <EmptyState title="No commits yet" description="Nothing has been committed here." />
      ) : (
        <Stack spacing={2}>
          <Paper variant="outlined">
            <List aria-label="Commits" disablePadding>
              {items.map(commit => (
                <ListItem key={commit.sha} divider>
                  <ListItemText
                    primary={
                      <Link component={RouterLink} to={commitPath(repo, commit.sha)}>
                        {commit.subject || '(no message)'}
                      </Link>
                    }
                    secondary={`${commit.author.name} · ${new Date(commit.date).toLocaleString()}`}
                  />
                  <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
                    {commit.sha.slice(0, 7)}
                  </Typography>
                </ListItem>
              ))}
            </List>
          </Paper>
          {commits.hasNextPage && (
            <div>
              <Button onClick={() => void commits.fetchNextPage()} disabled={commits.isFetchingNextPage}>
                Older commits
              </Button>
            </div>
          )}
        </Stack>
      )}
    </RepositoryFrame>
  );
}
