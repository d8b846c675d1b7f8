import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';

// Actions that shell out (npm, git) colour their output; the codes are noise in a browser.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** A log that follows new lines as they arrive, unless the reader has scrolled up to read. */
export function LogViewer({ lines, label, maxHeight = 420 }: { lines: string[]; label: string; maxHeight?: number }) {
  const ref = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [lines.length]);
  return (
    <Box
      component="pre"
      ref={ref}
      role="log"
      aria-label={label}
      aria-live="polite"
      tabIndex={0}
      onScroll={event => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      }}
      sx={{
        m: 0,
        p: 2,
        maxHeight,
        minHeight: 120,
        overflow: 'auto',
        fontFamily: 'monospace',
        fontSize: 13,
        lineHeight: 1.5,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        bgcolor: 'action.hover',
        borderRadius: 1,
      }}
    >
      {lines.length ? lines.map(line => line.replace(ANSI, '')).join('\n') : 'No log lines yet.'}
    </Box>
  );
}
