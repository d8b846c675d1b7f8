import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import { ResponseError } from '../ResponseError.js';

export interface ErrorPanelProps {
  error: unknown;
  /** What failed, in the reader's words, e.g. "Could not load the catalog". */
  title?: string;
  action?: ReactNode;
}

/** Shows a failure with the error's name and message, as the backend or the browser reported it. */
export function ErrorPanel({ error, title, action }: ErrorPanelProps) {
  const { name, message } = describeError(error);
  const status = error instanceof ResponseError ? ` (HTTP ${error.statusCode})` : '';
  return (
    <Alert severity="error" variant="outlined" action={action} sx={{ alignItems: 'flex-start' }}>
      <AlertTitle>{title ?? `${name}${status}`}</AlertTitle>
      {title && (
        <Typography variant="body2" sx={{ fontWeight: 'medium' }}>
          {name}
          {status}
        </Typography>
      )}
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {message}
      </Typography>
    </Alert>
  );
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'string') return { name: 'Error', message: error };
  return { name: 'Error', message: 'An unknown error occurred' };
}
