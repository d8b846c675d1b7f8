import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';

/**
 * The loading state of a page or panel. It waits a moment before showing, so fast answers do not
 * flash a spinner.
 */
export function Progress({ label = 'Loading', delayMs = 250 }: { label?: string; delayMs?: number }) {
  const [visible, setVisible] = useState(delayMs <= 0);
  useEffect(() => {
    if (delayMs <= 0) return;
    const timer = setTimeout(() => setVisible(true), delayMs);
    return () => clearTimeout(timer);
  }, [delayMs]);
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', justifyContent: 'center', py: 6, minHeight: 40 }}>
      {visible && <CircularProgress aria-label={label} size={32} />}
    </Box>
  );
}
