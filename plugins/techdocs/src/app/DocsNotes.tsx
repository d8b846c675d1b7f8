import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import type { DocsSiteMetadata } from '../common/index.js';
import { useOwnershipRefs } from './hooks.js';

const dismissedKey = (site: DocsSiteMetadata) => `techdocs.notes.dismissed:${site.entityRef}@${site.commit}`;

/**
 * What the renderer could not do as MkDocs would, and the broken links it found, shown to the
 * site's owners at the top of the reader, once per commit: dismissed, they stay away until the
 * docs change.
 */
export function DocsNotes({ site }: { site: DocsSiteMetadata }) {
  const me = useOwnershipRefs();
  const [dismissed, setDismissed] = useState(() => readDismissed(dismissedKey(site)));
  const [open, setOpen] = useState(false);
  const isOwner = site.owner !== undefined && (me.data ?? []).includes(site.owner);
  if (!isOwner || site.notes.length === 0 || dismissed) return null;
  const dismiss = () => {
    try {
      localStorage.setItem(dismissedKey(site), '1');
    } catch {
      // Storage may be unavailable (private windows): dismissing for this view is enough.
    }
    setDismissed(true);
  };
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2, '& .MuiAlert-message': { minWidth: 0, width: '100%' } }}
      action={
        <Button color="inherit" size="small" onClick={dismiss}>
          Dismiss
        </Button>
      }
    >
      <Box>
        {site.notes.length === 1 ? '1 note' : `${site.notes.length} notes`} on how these docs were rendered (shown to their owners).{' '}
        <Button color="inherit" size="small" onClick={() => setOpen(!open)} aria-expanded={open} sx={{ p: 0, minWidth: 0, textDecoration: 'underline' }}>
          {open ? 'Hide' : 'Show'}
        </Button>
      </Box>
      <Collapse in={open}>
        <Box component="ul" aria-label="Rendering notes" sx={{ m: 0, mt: 1, pl: 2, overflowWrap: 'anywhere' }}>
          {site.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </Box>
      </Collapse>
    </Alert>
  );
}

function readDismissed(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}
