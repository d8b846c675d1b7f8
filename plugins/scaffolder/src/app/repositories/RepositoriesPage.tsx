import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import SourceOutlinedIcon from '@mui/icons-material/SourceOutlined';
import { EmptyState, ErrorPanel, PageLayout, Progress, fetchJson } from '@portal/app-api';

/** A repository on the portal's own git host, as GET /api/git/repos lists it. */
export interface HostedRepository {
  owner: string;
  name: string;
  description: string;
  cloneUrl: string;
  webUrl: string;
  updatedAt: string;
}

/** The repositories the portal hosts itself, with the URL to clone each one. */
export function RepositoriesPage() {
  const repos = useQuery({ queryKey: ['git', 'repos'], queryFn: () => fetchJson<HostedRepository[]>('/api/git/repos') });
  return (
    <PageLayout
      title="Repositories"
      subtitle={
        <>
          Git repositories hosted by the portal. Clone them with a{' '}
          <Link component={RouterLink} to="/settings/tokens">
            personal access token
          </Link>{' '}
          as the password.
        </>
      }
      actions={
        <Button component={RouterLink} to="/create">
          Templates
        </Button>
      }
    >
      {repos.isPending ? (
        <Progress label="Loading repositories" />
      ) : repos.isError ? (
        <ErrorPanel error={repos.error} title="Could not load the repositories" />
      ) : repos.data.length === 0 ? (
        <EmptyState
          icon={<SourceOutlinedIcon />}
          title="No repositories yet"
          description="Creating something from a template makes a repository here."
          action={
            <Button variant="contained" component={RouterLink} to="/create">
              Choose a template
            </Button>
          }
        />
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label="Repositories">
            <TableHead>
              <TableRow>
                <TableCell>Repository</TableCell>
                <TableCell>Description</TableCell>
                <TableCell>Clone URL</TableCell>
                <TableCell>Updated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...repos.data]
                .sort((a, b) => `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`))
                .map(repo => (
                  <TableRow key={`${repo.owner}/${repo.name}`} hover>
                    <TableCell>
                      <Link
                        component={RouterLink}
                        to={`/git/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`}
                      >{`${repo.owner}/${repo.name}`}</Link>
                    </TableCell>
                    <TableCell>{repo.description || '—'}</TableCell>
                    <TableCell>
                      <Typography component="code" variant="body2" sx={{ fontFamily: 'monospace', userSelect: 'all' }}>
                        {repo.cloneUrl}
                      </Typography>
                    </TableCell>
                    <TableCell>{new Date(repo.updatedAt).toLocaleString()}</TableCell>
                  </TableRow>
                ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </PageLayout>
  );
}
