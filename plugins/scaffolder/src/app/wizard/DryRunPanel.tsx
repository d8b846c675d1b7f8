import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { DryRunResult } from '../../common/index.js';
import { LogViewer } from '../tasks/LogViewer.js';

function decodeBase64(content: string): string {
  const bytes = Uint8Array.from(atob(content), char => char.charCodeAt(0));
  // Binary files (images, archives) would print as noise: say what they are instead.
  if (bytes.subarray(0, 8000).includes(0)) return `(binary file, ${bytes.length} bytes)`;
  return new TextDecoder().decode(bytes);
}

/** Folders and files in tree order: each folder once, before what it holds. */
function treeRows(paths: string[]): Array<{ path: string; name: string; depth: number; file: boolean }> {
  const rows: Array<{ path: string; name: string; depth: number; file: boolean }> = [];
  const seen = new Set<string>();
  for (const filePath of paths) {
    const parts = filePath.split('/');
    for (let depth = 0; depth < parts.length - 1; depth++) {
      const folder = parts.slice(0, depth + 1).join('/');
      if (seen.has(folder)) continue;
      seen.add(folder);
      rows.push({ path: folder, name: parts[depth]!, depth, file: false });
    }
    rows.push({ path: filePath, name: parts.at(-1)!, depth: parts.length - 1, file: true });
  }
  return rows;
}

/** The result of a dry run: the files the template would write, one open at a time, and the log. */
export function DryRunPanel({ result }: { result: DryRunResult }) {
  const files = useMemo(() => [...result.directoryContents].sort((a, b) => a.path.localeCompare(b.path)), [result.directoryContents]);
  const [selected, setSelected] = useState<string | undefined>(files[0]?.path);
  const file = files.find(candidate => candidate.path === selected);
  const lines = result.log.map(entry => entry.body.message).filter((message): message is string => typeof message === 'string');
  return (
    <Stack spacing={2} aria-label="Dry run result" component="section">
      {result.status === 'failed' && (
        <Alert severity="error" variant="outlined">
          <AlertTitle>The dry run failed</AlertTitle>
          {result.error?.message ?? 'See the log below.'}
        </Alert>
      )}
      <Typography variant="h6" component="h3">
        Dry run: {files.length} file{files.length === 1 ? '' : 's'} would be created
      </Typography>
      <Paper variant="outlined" sx={{ display: 'flex', minHeight: 320, maxHeight: 520, overflow: 'hidden' }}>
        <List dense aria-label="Files" sx={{ width: 300, flexShrink: 0, overflow: 'auto', borderRight: 1, borderColor: 'divider' }}>
          {treeRows(files.map(entry => entry.path)).map(row =>
            row.file ? (
              <ListItemButton key={row.path} selected={row.path === selected} onClick={() => setSelected(row.path)} sx={{ pl: 2 + row.depth * 2 }}>
                <ListItemText primary={row.name} slotProps={{ primary: { sx: { fontFamily: 'monospace', fontSize: 13 } } }} />
              </ListItemButton>
            ) : (
              <ListItemText
                key={`${row.path}/`}
                primary={`${row.name}/`}
                sx={{ pl: 2 + row.depth * 2, py: 0.5, m: 0 }}
                slotProps={{ primary: { sx: { fontFamily: 'monospace', fontSize: 13, color: 'text.secondary' } } }}
              />
            ),
          )}
        </List>
        <Box sx={{ flex: 1, overflow: 'auto', minWidth: 0 }}>
          {file ? (
            <Box component="pre" aria-label={`Content of ${file.path}`} sx={{ m: 0, p: 2, fontFamily: 'monospace', fontSize: 13, whiteSpace: 'pre' }}>
              {decodeBase64(file.base64Content)}
            </Box>
          ) : (
            <Typography sx={{ p: 2, color: 'text.secondary' }}>The template wrote no files.</Typography>
          )}
        </Box>
      </Paper>
      <Typography variant="subtitle2" component="h4">
        Log
      </Typography>
      <LogViewer lines={lines} label="Dry run log" />
    </Stack>
  );
}
