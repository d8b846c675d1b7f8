import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Typography from '@mui/material/Typography';
import { describeError } from '../describeError.js';
import { SignInPrompt } from './SignInPrompt.js';

export interface ErrorPanelProps {
  error: unknown;
  /** What failed, in the reader's words, e.g. "Could not load the catalog". */
  title?: string;
  action?: ReactNode;
}

/**
 * Shows a failure in words: the title (or what kind of failure it is) and the backend's sentence,
 * never an exception's class name. When nobody is signed in and the action needs someone, it is
 * the sign-in prompt instead, which comes back to this page.
 */
export function ErrorPanel({ error, title, action }: ErrorPanelProps) {
  const readable = describeError(error);
  if (readable.signInNeeded) return <SignInPrompt message={readable.message} />;
  return (
    <Alert severity={readable.notFound ? 'warning' : 'error'} variant="outlined" action={action} sx={{ alignItems: 'flex-start' }}>
      <AlertTitle>{title ?? readable.title}</AlertTitle>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {readable.message}
      </Typography>
    </Alert>
  );
}
