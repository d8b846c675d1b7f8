import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorPanel, Progress } from '@portal/app-api';
import type { RepositoryFileChange } from '../../common/repositoryTypes.js';
import { RepositoryFrame } from './RepositoryFrame.js';
import { commitPath, repoPath, useRepositoryCommit, type RepoRef } from './repositoryApi.js';

const changeColor = { added: 'success', deleted: 'error', modified: 'info', renamed: 'warning' } as const;

/** One file's unified diff, with added and removed lines coloured from the theme. */
function FileDiff({ repo, sha, file }: { repo: RepoRef; sha: string; file: RepositoryFileChange }) {
  return (
    <Paper variant="outlined" component="section" aria-label={file.path} sx={{ overflow: 'hidden' }}>
      <Stack direction="row" spacing={1} sx={{ px: 2, py: 1, alignItems: 'center', bgcolor: 'action.hover' }}>
        <Chip size="small" label={file.change} color={changeColor[file.change]} variant="outlined" />
        <Typography component="h3" variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {file.oldPath ? `${file.oldPath} → ` : ''}
          {file.change === 'deleted' ? (
            file.path
          ) : (
            <Link component={RouterLink} to={repoPath(repo, 'blob', sha, file.path)}>
              {file.path}
            </Link>
          )}
        </Typography>
      </Stack>
      {file.binary ? (
        <Typography variant="body2" sx={{ p: 2, color: 'text.secondary' }}>
          Binary file
        </Typography>
      ) : (
        <Box
          component="pre"
          sx={{ m: 0, overflow: 'auto', fontSize: 13, lineHeight: 1.5, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        >
          {file.patch.split('\n').map((line, index) => (
            <Box
              component="div"
              key={index}
              sx={{
                px: 2,
                whiteSpace: 'pre',
                ...(line.startsWith('@@')
                  ? { color: 'text.secondary', bgcolor: 'action.selected' }
                  : line.startsWith('+')
                    ? { bgcolor: 'rgba(46, 160, 67, 0.15)' }
                    : line.startsWith('-')
                      ? { bgcolor: 'rgba(248, 81, 73, 0.15)' }
                      : {}),
              }}
            >
              {line || ' '}
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}

/** One commit: its message, author, parents and what it changed. */
export function RepositoryCommitPage({ repo, sha }: { repo: RepoRef; sha: string }) {
  const commit = useRepositoryCommit(repo, sha);
  return (
    <RepositoryFrame repo={repo} gitRef={sha} tab={false} tabTitle={`${sha.slice(0, 7)} · ${repo.owner}/${repo.name}`}>
      {commit.isPending ? (
        <Progress label="Loading the commit" />
      ) : commit.isError ? (
        <ErrorPanel error={commit.error} title={`Could not load commit ${sha.slice(0, 7)}`} />
      ) : (
        <Stack spacing={2}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="h6" component="h2">
              {commit.data.subject}
            </Typography>
            {commit.data.body && <Typography sx={{ whiteSpace: 'pre-wrap', mt: 1 }}>{commit.data.body}</Typography>}
            <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
              {commit.data.author.name} committed {new Date(commit.data.date).toLocaleString()} · <code>{commit.data.sha}</code>
              {commit.data.parents.map(parent => (
                <span key={parent}>
                  {' '}
                  · parent{' '}
                  <Link component={RouterLink} to={commitPath(repo, parent)}>
                    {parent.slice(0, 7)}
                  </Link>
                </span>
              ))}
            </Typography>
            <Link component={RouterLink} to={repoPath(repo, 'tree', commit.data.sha)} variant="body2">
              Browse the files at this commit
            </Link>
          </Paper>
          {commit.data.truncated && <Alert severity="info">This commit changes too much to show all of it here; clone the repository to see the rest.</Alert>}
          {commit.data.files.map(file => (
            <FileDiff key={`${file.oldPath ?? ''}:${file.path}`} repo={repo} sha={commit.data.sha} file={file} />
          ))}
        </Stack>
      )}
    </RepositoryFrame>
  );
}
