import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ErrorPanel, Progress, ResponseError } from '@portal/app-api';
import { catalogFileProblems, looksLikeCatalogFile } from './catalogLint.js';
import { CodeEditor, type EditorProblem } from './CodeEditor.js';
import { PathCrumbs, RepositoryFrame } from './RepositoryFrame.js';
import { repoPath, repositoryKeys, saveFile, useRepositoryFile, type RepoRef } from './repositoryApi.js';

/**
 * Edits one file of a branch and commits it as the signed-in person. The save names the commit
 * the file was opened at: if the branch has moved since, it is refused and nothing is lost.
 * Catalog files are checked as the catalog will check them, line by line, before saving.
 */
export function RepositoryEditPage({ repo, gitRef, path }: { repo: RepoRef; gitRef: string; path: string }) {
  const file = useRepositoryFile(repo, gitRef, path, { fresh: true });
  const [text, setText] = useState<string>();
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const original = file.data?.text ?? '';
  const current = text ?? original;
  const catalogFile = looksLikeCatalogFile(path, original);
  const problems = useMemo(() => (catalogFile ? catalogFileProblems(path, current) : []), [catalogFile, path, current]);
  const errors = problems.filter(p => p.severity === 'error');
  const isBranch = !/^[0-9a-f]{40}$/.test(gitRef);

  const save = async () => {
    if (!file.data) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      await saveFile(repo, { branch: gitRef, path, content: current, expectedCommit: file.data.commit, message: message.trim() || undefined });
      await queryClient.invalidateQueries({ queryKey: repositoryKeys.all(repo) });
      // What the catalog reads from this repository has changed too.
      await queryClient.invalidateQueries({ queryKey: ['catalog'] });
      navigate(repoPath(repo, 'blob', gitRef, path), { state: { saved: true } });
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };
  const editorProblems = (value: string): EditorProblem[] =>
    catalogFile
      ? catalogFileProblems(path, value).map(p => ({ line: p.line ?? 1, message: p.path ? `${p.path}: ${p.message}` : p.message, severity: p.severity }))
      : [];

  return (
    <RepositoryFrame repo={repo} gitRef={gitRef} tab="code" tabTitle={`Editing ${path} · ${repo.owner}/${repo.name}`}>
      <PathCrumbs repo={repo} gitRef={gitRef} path={path} />
      {file.isPending ? (
        <Progress label="Loading the file" />
      ) : file.isError ? (
        <ErrorPanel error={file.error} title={`Could not open ${path}`} />
      ) : !isBranch || file.data.text === null ? (
        <Alert severity="info">
          {isBranch ? 'This file cannot be edited in the portal: it is binary or too large.' : 'Only a branch can be edited: open the file on a branch.'}
        </Alert>
      ) : (
        <Stack spacing={2}>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            Editing on <strong>{gitRef}</strong>, opened at <code>{file.data.commit.slice(0, 7)}</code>.
            {catalogFile && ' The catalog checks this file: problems are marked on their lines.'}
          </Typography>
          <CodeEditor path={path} initialText={file.data.text} onChange={setText} problems={catalogFile ? editorProblems : undefined} />
          {errors.length > 0 && (
            <Alert severity="error" variant="outlined" aria-label="Problems">
              <AlertTitle>The catalog would refuse this file</AlertTitle>
              <List dense disablePadding>
                {errors.map((p, i) => (
                  <ListItem key={i} disableGutters>
                    Line {p.line ?? '?'}: {p.path ? `${p.path}: ` : ''}
                    {p.message}
                  </ListItem>
                ))}
              </List>
            </Alert>
          )}
          <TextField label="Commit message" value={message} onChange={e => setMessage(e.target.value)} placeholder={`Update ${path}`} fullWidth />
          {saveError !== undefined && (
            <ErrorPanel
              error={saveError}
              title={
                saveError instanceof ResponseError && saveError.statusCode === 409 ? 'Someone changed this branch since you opened the file' : 'Could not save'
              }
              action={
                saveError instanceof ResponseError && saveError.statusCode === 409 ? (
                  <Button color="inherit" size="small" onClick={() => window.location.reload()}>
                    Reload
                  </Button>
                ) : undefined
              }
            />
          )}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => void save()} disabled={saving || errors.length > 0 || current === original}>
              {saving ? 'Saving…' : 'Commit changes'}
            </Button>
            <Button component={RouterLink} to={repoPath(repo, 'blob', gitRef, path)}>
              Cancel
            </Button>
          </Stack>
        </Stack>
      )}
    </RepositoryFrame>
  );
}
