import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';

/** A repository's clone command, and where to get the token git will ask for. */
export function CloneBox({ cloneUrl }: { cloneUrl: string }) {
  const [copied, setCopied] = useState(false);
  const command = `git clone ${cloneUrl}`;
  const copy = () => {
    navigator.clipboard?.writeText(command).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Paper variant="outlined" component="section" aria-label="Clone" sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography
          component="code"
          variant="body2"
          data-testid="clone-command"
          sx={{ flex: 1, fontFamily: 'monospace', userSelect: 'all', wordBreak: 'break-all', bgcolor: 'action.hover', px: 1, py: 0.5, borderRadius: 1 }}
        >
          {command}
        </Typography>
        <Button size="small" startIcon={<ContentCopyIcon />} onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </Stack>
      <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
        When git asks, give any user name and a{' '}
        <Link component={RouterLink} to="/settings/tokens">
          personal access token
        </Link>{' '}
        as the password (read to clone, read and write to push).
      </Typography>
    </Paper>
  );
}
