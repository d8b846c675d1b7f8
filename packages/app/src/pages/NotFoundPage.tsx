import { Link as RouterLink, useLocation } from 'react-router-dom';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { PageLayout } from '@portal/app-api';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <PageLayout title="Page not found">
      <Stack spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Typography>
          There is no page at{' '}
          <Typography component="code" sx={{ fontFamily: 'monospace', px: 0.75, py: 0.25, borderRadius: 1, bgcolor: 'action.hover' }}>
            {pathname}
          </Typography>
          . The link may be out of date, or the page may have moved.
        </Typography>
        <Button variant="contained" component={RouterLink} to="/">
          Go to the home page
        </Button>
      </Stack>
    </PageLayout>
  );
}
