import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ErrorPanel, PageLayout, Progress, SignInPrompt } from '@portal/app-api';
import type { AddLocationResponse } from '../../common/index.js';
import { useAddLocation, useOwnershipRefs } from '../api.js';
import { DryRunReport, entitiesToAdd } from './DryRunReport.js';
import { RegisterResult } from './RegisterResult.js';

/** Paste a URL, review what each file gives and what is wrong, register, follow the first refresh. */
export function RegisterComponentPage() {
  const me = useOwnershipRefs();
  const [url, setUrl] = useState('');
  const [preview, setPreview] = useState<AddLocationResponse | undefined>();
  const analyze = useAddLocation();
  const register = useAddLocation();

  const onAnalyze = (event: FormEvent) => {
    event.preventDefault();
    setPreview(undefined);
    register.reset();
    analyze.mutate({ target: url.trim(), dryRun: true }, { onSuccess: setPreview });
  };
  const onRegister = () => register.mutate({ target: url.trim(), dryRun: false });
  const onBack = () => {
    setPreview(undefined);
    register.reset();
  };

  const registerable = preview ? entitiesToAdd(preview).length > 0 : false;
  const step = register.isSuccess ? 2 : preview ? 1 : 0;
  return (
    <PageLayout title="Register existing component" subtitle="Add the entities of a catalog-info.yaml in a repository to the catalog.">
      <Stepper activeStep={step} sx={{ mb: 3, maxWidth: 640 }}>
        <Step>
          <StepLabel>Select URL</StepLabel>
        </Step>
        <Step>
          <StepLabel>Review</StepLabel>
        </Step>
        <Step completed={register.isSuccess}>
          <StepLabel>Done</StepLabel>
        </Step>
      </Stepper>
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 900 }}>
        {me.isLoading ? (
          <Progress />
        ) : me.data === null ? (
          <SignInPrompt title="Sign in to register a component" message="Registering adds to the catalog in your name. After signing in you come back here." />
        ) : register.isSuccess ? (
          <Stack spacing={2}>
            <RegisterResult result={register.data} />
            <Stack direction="row" spacing={1}>
              <Button
                variant="outlined"
                onClick={() => {
                  onBack();
                  setUrl('');
                }}
              >
                Register another
              </Button>
              <Button component={RouterLink} to="/catalog">
                Back to the catalog
              </Button>
            </Stack>
          </Stack>
        ) : (
          <>
            <Stack component="form" spacing={2} onSubmit={onAnalyze} noValidate>
              <Typography variant="body1">
                Enter the URL of a <code>catalog-info.yaml</code> file in a repository, such as{' '}
                <code>https://git.example.com/acme/payments/blob/main/catalog-info.yaml</code>, or of the repository itself.
              </Typography>
              <TextField
                label="Repository or file URL"
                value={url}
                onChange={e => {
                  setUrl(e.target.value);
                  onBack();
                }}
                required
                fullWidth
                autoFocus
              />
              <Stack direction="row" spacing={1}>
                <Button type="submit" variant="contained" disabled={!url.trim() || analyze.isPending}>
                  {analyze.isPending ? 'Analyzing…' : 'Analyze'}
                </Button>
                <Button component={RouterLink} to="/catalog">
                  Cancel
                </Button>
              </Stack>
            </Stack>
            {analyze.isError && (
              <Stack sx={{ mt: 2 }}>
                <ErrorPanel error={analyze.error} title="This URL cannot be registered" />
              </Stack>
            )}
            {preview && (
              <Stack spacing={2} sx={{ mt: 3 }}>
                <DryRunReport preview={preview} />
                <Stack direction="row" spacing={1}>
                  <Button variant="contained" onClick={onRegister} disabled={!registerable || register.isPending}>
                    {register.isPending ? 'Registering…' : 'Register'}
                  </Button>
                  <Button onClick={onBack}>Back</Button>
                </Stack>
                {register.isError && <ErrorPanel error={register.error} title="Registering failed" />}
              </Stack>
            )}
          </>
        )}
        <Typography variant="body2" sx={{ mt: 3, color: 'text.secondary' }}>
          Need a <code>catalog-info.yaml</code> first?{' '}
          <Link href="https://backstage.io/docs/features/software-catalog/descriptor-format" target="_blank" rel="noreferrer">
            How to describe an entity
          </Link>{' '}
          ·{' '}
          <Link component={RouterLink} to="/catalog/locations">
            Registered locations
          </Link>
        </Typography>
      </Paper>
    </PageLayout>
  );
}
