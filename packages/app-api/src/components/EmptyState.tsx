import type { ReactNode } from 'react';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

export interface EmptyStateProps {
  title: string;
  description: ReactNode;
  /** What the reader can do about it: usually a button or a link. */
  action?: ReactNode;
  icon?: ReactNode;
}

/** Shown where a list or page has nothing yet; it says why and how to fill it. */
export function EmptyState({ title, description, action, icon }: EmptyStateProps) {
  return (
    <Paper variant="outlined" sx={{ px: 4, py: 6, textAlign: 'center', bgcolor: 'background.default' }}>
      <Stack spacing={2} sx={{ alignItems: 'center', maxWidth: 560, mx: 'auto' }}>
        {icon && <Stack sx={{ color: 'text.secondary', '& svg': { fontSize: 48 } }}>{icon}</Stack>}
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        <Typography component="div" variant="body1" sx={{ color: 'text.secondary' }}>
          {description}
        </Typography>
        {action && (
          <Stack direction="row" spacing={1} sx={{ pt: 1 }}>
            {action}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
