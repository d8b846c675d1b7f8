import { Link as RouterLink, useInRouterContext, useLocation } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';

export interface SignInPromptProps {
  /** What signing in is for, e.g. "Sign in to register a component". */
  title?: string;
  /** Why, as the backend said it; shown under the title. */
  message?: string;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?${new URLSearchParams({ redirect: path })}`;
}

function SignInButton({ to }: { to: string }) {
  return (
    <Button component={RouterLink} to={to} variant="contained" size="small">
      Sign in
    </Button>
  );
}

function RoutedSignInButton() {
  const location = useLocation();
  return <SignInButton to={signInPath(`${location.pathname}${location.search}`)} />;
}

/** Asks the person to sign in, and brings them back to this page once they have. */
export function SignInPrompt({ title = 'Sign in to continue', message }: SignInPromptProps) {
  const inRouter = useInRouterContext();
  return (
    <Alert
      severity="info"
      variant="outlined"
      role="alert"
      action={inRouter ? <RoutedSignInButton /> : null}
      sx={{ alignItems: 'center' }}
      data-testid="sign-in-prompt"
    >
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2">{message ?? 'This page shows what you may see and do once you have signed in.'}</Typography>
    </Alert>
  );
}
