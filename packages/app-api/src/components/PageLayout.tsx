import { useId, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

export interface PageLayoutProps {
  title: string;
  subtitle?: ReactNode;
  /** Buttons for the page as a whole, shown at the right of the header. */
  actions?: ReactNode;
  /** The browser tab's name for this page, when it should differ from `title`. */
  tabTitle?: string;
  children?: ReactNode;
}

/** Every page's frame: a header with its title, then the content. Also names the browser tab. */
export function PageLayout({ title, subtitle, actions, tabTitle = title, children }: PageLayoutProps) {
  const titleId = useId();
  return (
    <Box component="section" aria-labelledby={titleId}>
      <title>{`${tabTitle} · Developer Portal`}</title>
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        sx={{ alignItems: { sm: 'flex-end' }, justifyContent: 'space-between', pb: 2, mb: 3, borderBottom: 1, borderColor: 'divider' }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Typography id={titleId} variant="h4" component="h1" sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          {subtitle && (
            <Typography component="div" variant="body1" sx={{ color: 'text.secondary', mt: 0.5 }}>
              {subtitle}
            </Typography>
          )}
        </Box>
        {actions && (
          <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
            {actions}
          </Stack>
        )}
      </Stack>
      {children}
    </Box>
  );
}
