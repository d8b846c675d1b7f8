import { Link as RouterLink, useNavigate } from 'react-router-dom';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import FolderOutlinedIcon from '@mui/icons-material/FolderOutlined';
import InsertDriveFileOutlinedIcon from '@mui/icons-material/InsertDriveFileOutlined';
import { EmptyState, ErrorPanel, Progress } from '@portal/app-api';
import { CloneBox } from './CloneBox.js';
import { MarkdownView } from './MarkdownView.js';
import { PathCrumbs, RepositoryFrame } from './RepositoryFrame.js';
import { repoPath, useRepositoryFile, useRepositoryTree, type RepoRef } from './repositoryApi.js';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Readme({ repo, gitRef, path }: { repo: RepoRef; gitRef: string; path: string }) {
  const file = useRepositoryFile(repo, gitRef, path);
  if (!file.data?.text) return null;
  return (
    <Paper variant="outlined" component="section" aria-label="README">
      <MarkdownView repo={repo} gitRef={gitRef} path={path} text={file.data.text} />
    </Paper>
  );
}

/** A folder of a repository at a branch, tag or commit; the root also shows how to clone. */
export function RepositoryTreePage({ repo, gitRef, path }: { repo: RepoRef; gitRef?: string; path: string }) {
  const tree = useRepositoryTree(repo, gitRef, path);
  const navigate = useNavigate();
  const ref = tree.data?.ref ?? gitRef ?? 'main';
  const readme = tree.data?.entries.find(e => e.type === 'blob' && /^readme\.md$/i.test(e.name));
  return (
    <RepositoryFrame repo={repo} gitRef={ref} tab="code" tabTitle={path ? `${path} · ${repo.owner}/${repo.name}` : undefined}>
      {tree.isPending ? (
        <Progress label="Loading the repository" />
      ) : tree.isError ? (
        <ErrorPanel error={tree.error} title={`Could not load ${repo.owner}/${repo.name}`} />
      ) : (
        <Stack spacing={2}>
          {path === '' && <CloneBox cloneUrl={tree.data.cloneUrl} />}
          {tree.data.branches.length > 0 && (
            <TextField
              select
              size="small"
              label="Branch"
              value={tree.data.branches.includes(ref) ? ref : ''}
              onChange={e => navigate(repoPath(repo, 'tree', e.target.value, path))}
              sx={{ maxWidth: 240 }}
            >
              {tree.data.branches.map(branch => (
                <MenuItem key={branch} value={branch}>
                  {branch}
                </MenuItem>
              ))}
            </TextField>
          )}
          {path !== '' && <PathCrumbs repo={repo} gitRef={ref} path={path} />}
          {tree.data.commit === null ? (
            <EmptyState title="This repository is empty" description="Push a first commit to it, with a personal access token as git's password." />
          ) : (
            <Paper variant="outlined">
              <Table size="small" aria-label="Files">
                <TableBody>
                  {tree.data.entries.map(entry => (
                    <TableRow key={entry.path} hover>
                      <TableCell sx={{ width: 32, pr: 0 }}>
                        {entry.type === 'tree' ? <FolderOutlinedIcon fontSize="small" color="primary" /> : <InsertDriveFileOutlinedIcon fontSize="small" />}
                      </TableCell>
                      <TableCell>
                        {entry.type === 'commit' ? (
                          entry.name
                        ) : (
                          <Link component={RouterLink} to={repoPath(repo, entry.type === 'tree' ? 'tree' : 'blob', ref, entry.path)}>
                            {entry.name}
                          </Link>
                        )}
                      </TableCell>
                      <TableCell align="right" sx={{ color: 'text.secondary' }}>
                        {entry.size !== undefined ? formatSize(entry.size) : ''}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          )}
          {readme && <Readme repo={repo} gitRef={ref} path={readme.path} />}
        </Stack>
      )}
    </RepositoryFrame>
  );
}
