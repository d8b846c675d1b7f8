import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import HistoryIcon from '@mui/icons-material/History';
import { EmptyState, ErrorPanel, Progress } from '@portal/app-api';
import { HighlightedCode } from './HighlightedCode.js';
import { MarkdownView } from './MarkdownView.js';
import { PathCrumbs, RepositoryFrame } from './RepositoryFrame.js';
import { rawUrl, repoPath, useRepositoryFile, type RepoRef } from './repositoryApi.js';

const isMarkdown = (path: string) => /\.(md|markdown)$/i.test(path);

/** One file of a repository: highlighted code, rendered Markdown, or the image itself. */
export function RepositoryFilePage({ repo, gitRef, path }: { repo: RepoRef; gitRef: string; path: string }) {
  const file = useRepositoryFile(repo, gitRef, path);
  const [view, setView] = useState<'rendered' | 'source'>('rendered');
  const markdown = isMarkdown(path);
  return (
    <RepositoryFrame
      repo={repo}
      gitRef={gitRef}
      tab="code"
      tabTitle={`${path} · ${repo.owner}/${repo.name}`}
      actions={
        <>
          <Button component={RouterLink} to={`${repoPath(repo, 'commits', gitRef)}?path=${encodeURIComponent(path)}`} startIcon={<HistoryIcon />}>
            History
          </Button>
          {file.data?.text !== null && file.data !== undefined && (
            <Button variant="contained" component={RouterLink} to={repoPath(repo, 'edit', gitRef, path)} startIcon={<EditOutlinedIcon />}>
              Edit
            </Button>
          )}
        </>
      }
    >
      <PathCrumbs repo={repo} gitRef={gitRef} path={path} />
      {file.isPending ? (
        <Progress label="Loading the file" />
      ) : file.isError ? (
        <ErrorPanel error={file.error} title={`Could not load ${path}`} />
      ) : (
        <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
          <Stack direction="row" spacing={2} sx={{ px: 2, py: 1, alignItems: 'center', borderBottom: 1, borderColor: 'divider' }}>
            <Typography variant="body2" sx={{ color: 'text.secondary', flex: 1 }}>
              {file.data.size} bytes · at {file.data.commit.slice(0, 7)}
            </Typography>
            {markdown && file.data.text !== null && (
              <ToggleButtonGroup size="small" exclusive value={view} onChange={(_e, value) => value && setView(value)} aria-label="View">
                <ToggleButton value="rendered">Rendered</ToggleButton>
                <ToggleButton value="source">Source</ToggleButton>
              </ToggleButtonGroup>
            )}
            <Button size="small" href={rawUrl(repo, file.data.commit, path)} target="_blank" rel="noreferrer">
              Raw
            </Button>
          </Stack>
          {file.data.image ? (
            <Box sx={{ p: 2, textAlign: 'center' }}>
              <Box component="img" src={rawUrl(repo, file.data.commit, path)} alt={path} sx={{ maxWidth: '100%' }} />
            </Box>
          ) : file.data.text === null ? (
            <EmptyState
              title={file.data.tooLarge ? 'This file is too large to show' : 'This is a binary file'}
              description="Open the raw file to download it."
            />
          ) : markdown && view === 'rendered' ? (
            <MarkdownView repo={repo} gitRef={file.data.commit} path={path} text={file.data.text} />
          ) : (
            <HighlightedCode code={file.data.text} path={path} />
          )}
        </Paper>
      )}
    </RepositoryFrame>
  );
}
