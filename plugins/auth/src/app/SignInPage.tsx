import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import LoginIcon from '@mui/icons-material/Login';
import { EmptyState, ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import type { AuthProviderInfo } from '../common/index.js';
import { fetchProviders, safeRedirect } from './api.js';
import { useIdentity } from './useIdentity.js';

function ProviderButton({ provider, redirect }: { provider: AuthProviderInfo; redirect: string }) {
  const action = `${provider.startUrl}?${new URLSearchParams({ redirect })}`;
  if (provider.method === 'POST') {
    // A plain form post: the browser follows the backend's redirect with the new session cookie.
    return (
      <form method="post" action={action}>
        <Button type="submit" variant="outlined" fullWidth startIcon={<LoginIcon />}>
          Continue as {provider.title.toLowerCase()}
        </Button>
      </form>
    );
  }
  return (
    <Button href={action} variant="contained" fullWidth startIcon={<LoginIcon />}>
      Sign in with {provider.title}
    </Button>
  );
}

export function SignInPage() {
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const error = params.get('error');
  const providers = useQuery({ queryKey: ['auth', 'providers'], queryFn: fetchProviders });
  const { identity } = useIdentity();

  return (
    <PageLayout title="Sign in" subtitle="Sign in to see what you own and to create and change things.">
      <Stack spacing={3} sx={{ maxWidth: 480 }}>
        {error && (
          <Alert severity="error" variant="outlined" role="alert">
            {error}
          </Alert>
        )}
        {identity && (
          <Alert severity="info" variant="outlined">
            You are signed in as {identity.displayName ?? identity.userEntityRef}.
          </Alert>
        )}
        {providers.isLoading && <Progress />}
        {providers.error && <ErrorPanel error={providers.error} title="Could not load the sign-in options" />}
        {providers.data?.length === 0 && (
          <EmptyState
            icon={<LoginIcon />}
            title="No way to sign in is configured"
            description="An administrator adds sign-in providers under auth.providers in app-config.yaml."
          />
        )}
        {providers.data && providers.data.length > 0 && (
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>
                Choose how to sign in
              </Typography>
              <Stack spacing={1.5} component="ul" aria-label="Sign-in providers" sx={{ listStyle: 'none', p: 0, m: 0 }}>
                {providers.data.map(provider => (
                  <li key={provider.id}>
                    <ProviderButton provider={provider} redirect={redirect} />
                  </li>
                ))}
              </Stack>
            </CardContent>
          </Card>
        )}
      </Stack>
    </PageLayout>
  );
}
