import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ErrorPanel, PageLayout } from '@portal/app-api';
import type { Entity } from '@portal/catalog-model';
import type { AddLocationResponse } from '../common/index.js';
import { entityRoute, useAddLocation } from './api.js';

/** The entity to open after registering: the first one that is not a Location. */
function landingEntity(entities: Entity[]): Entity | undefined {
  return entities.find(e => e.kind.toLowerCase() !== 'location') ?? entities[0];
}

/** The Location entities the catalog generates for a location and its targets: its own links, not the file's. */
function isGeneratedLocation(e: Entity): boolean {
  return e.kind.toLowerCase() === 'location' && e.metadata.name.startsWith('generated-');
}

/** Paste a URL, review the dry run, confirm, land on the new entity. */
export function RegisterComponentPage() {
  const navigate = useNavigate();
  const [url, setUrl] = useState('');
  const [preview, setPreview] = useState<AddLocationResponse | undefined>();
  const analyze = useAddLocation();
  const register = useAddLocation();

  const onAnalyze = (event: FormEvent) => {
    event.preventDefault();
    setPreview(undefined);
    register.reset();
    analyze.mutate(
      { target: url.trim(), dryRun: true },
      { onSuccess: result => setPreview({ ...result, entities: result.entities.filter(e => !isGeneratedLocation(e)) }) },
    );
  };
  const onRegister = () =>
    register.mutate(
      { target: url.trim(), dryRun: false },
      {
        onSuccess: result => {
          const target = landingEntity(result.entities);
          navigate(target ? entityRoute(target) : '/catalog');
        },
      },
    );

  const step = preview ? 1 : 0;
  return (
    <PageLayout title="Register existing component" subtitle="Add the entities of a catalog-info.yaml in a repository to the catalog.">
      <Stepper activeStep={step} sx={{ mb: 3, maxWidth: 640 }}>
        <Step>
          <StepLabel>Select URL</StepLabel>
        </Step>
        <Step>
          <StepLabel>Review</StepLabel>
        </Step>
        <Step>
          <StepLabel>Done</StepLabel>
        </Step>
      </Stepper>
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 900 }}>
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
              setPreview(undefined);
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
          <Stack spacing={2} sx={{ mt: 3 }} aria-label="Dry run">
            {preview.exists && <Alert severity="info">This location is registered already; registering it again refreshes it.</Alert>}
            {preview.entities.length === 0 ? (
              <Alert severity="warning">The file was read but describes no entity the catalog would add.</Alert>
            ) : (
              <>
                <Typography variant="h6" component="h2">
                  The following {preview.entities.length === 1 ? 'entity' : `${preview.entities.length} entities`} will be added
                </Typography>
                <List dense aria-label="Entities to add">
                  {preview.entities.map(e => (
                    <ListItem key={`${e.kind}:${e.metadata.namespace}/${e.metadata.name}`} divider>
                      <ListItemText primary={`${e.kind}: ${e.metadata.namespace ?? 'default'}/${e.metadata.name}`} secondary={e.metadata.description} />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
            <Stack direction="row" spacing={1}>
              <Button variant="contained" onClick={onRegister} disabled={register.isPending}>
                {register.isPending ? 'Registering…' : 'Register'}
              </Button>
              <Button onClick={() => setPreview(undefined)}>Back</Button>
            </Stack>
            {register.isError && <ErrorPanel error={register.error} title="Registering failed" />}
          </Stack>
        )}
        <Typography variant="body2" sx={{ mt: 3, color: 'text.secondary' }}>
          Need a <code>catalog-info.yaml</code> first?{' '}
          <Link href="https://backstage.io/docs/features/software-catalog/descriptor-format" target="_blank" rel="noreferrer">
            How to describe an entity
          </Link>
        </Typography>
      </Paper>
    </PageLayout>
  );
}
