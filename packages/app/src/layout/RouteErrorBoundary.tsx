import { Component, type ErrorInfo, type ReactNode } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorPanel } from '@portal/app-api';

interface Props {
  /** The current location: moving elsewhere clears the error, so the sidebar keeps working. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error?: unknown;
  errorKey?: string;
}

/** Catches a crashing page so the shell around it stays usable. */
export class RouteErrorBoundary extends Component<Props, State> {
  state: State = {};

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.error === undefined) return { errorKey: props.resetKey };
    return state.errorKey === props.resetKey ? null : { error: undefined, errorKey: props.resetKey };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A page failed to render', error, info.componentStack);
  }

  render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <Stack spacing={2} role="alert" sx={{ maxWidth: 760 }}>
        <Typography variant="h4" component="h1" sx={{ fontWeight: 600 }}>
          Something went wrong
        </Typography>
        <Typography sx={{ color: 'text.secondary' }}>
          This page stopped working. Reloading often helps; if it does not, the details below help whoever looks into it.
        </Typography>
        <ErrorPanel error={this.state.error} />
        <div>
          <Button variant="contained" onClick={() => window.location.reload()}>
            Reload
          </Button>
        </div>
      </Stack>
    );
  }
}
