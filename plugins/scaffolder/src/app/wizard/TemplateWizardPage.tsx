import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import type { JsonObject } from '@portal/catalog-model';
import type { TemplateParameterSchema } from '../../common/index.js';
import { useScaffolderClient } from '../api.js';
import { useParameterSchema } from '../hooks.js';
import { splitTemplateSchema } from '../form/templateSchema.js';
import { DryRunPanel } from './DryRunPanel.js';
import { ReviewStep } from './ReviewStep.js';
import { StepForm } from './StepForm.js';
import { clearWizardState, loadWizardState, saveWizardState, secretFieldNames, splitSecrets } from './formValues.js';
import { reviewRows, stepFieldNames } from './reviewRows.js';

export function TemplateWizardPage() {
  const { namespace = 'default', name = '' } = useParams();
  const schema = useParameterSchema(namespace, name);
  if (schema.isPending) return <Progress label="Loading the template" />;
  if (schema.isError) {
    return (
      <PageLayout title="Create" tabTitle="Template">
        <ErrorPanel
          error={schema.error}
          title={`Could not load the template ${namespace}/${name}`}
          action={
            <Button component={RouterLink} to="/create">
              All templates
            </Button>
          }
        />
      </PageLayout>
    );
  }
  return <Wizard key={`${namespace}/${name}`} namespace={namespace} name={name} parameterSchema={schema.data} />;
}

function Wizard({ namespace, name, parameterSchema }: { namespace: string; name: string; parameterSchema: TemplateParameterSchema }) {
  const client = useScaffolderClient();
  const navigate = useNavigate();
  const location = useLocation();
  const templateRef = `template:${namespace}/${name}`;
  const steps = useMemo(
    () =>
      parameterSchema.steps.map(step => {
        const split = splitTemplateSchema(step.schema);
        return { ...step, ...split, fields: stepFieldNames(split.schema) };
      }),
    [parameterSchema],
  );
  const secretNames = useMemo(() => secretFieldNames(steps.map(step => step.uiSchema)), [steps]);
  const reviewIndex = steps.length;

  // "Start over" hands the previous task's values in; otherwise a reload resumes where it was.
  const [initial] = useState(() => {
    const startOver = (location.state as { formData?: JsonObject } | null)?.formData;
    if (startOver) return { step: 0, formData: startOver };
    const stored = loadWizardState(templateRef);
    return stored ? { step: Math.min(stored.step, reviewIndex), formData: stored.formData } : { step: 0, formData: {} };
  });
  const [active, setActive] = useState(initial.step);
  const [formData, setFormData] = useState<JsonObject>(initial.formData);
  useEffect(() => saveWizardState(templateRef, { step: active, formData }, secretNames), [templateRef, active, formData, secretNames]);

  const create = useMutation({
    mutationFn: () => client.createTask({ templateRef, ...splitSecrets(formData, secretNames) }),
    onSuccess: ({ id }) => {
      clearWizardState(templateRef);
      navigate(`/create/tasks/${encodeURIComponent(id)}`);
    },
  });
  const dryRun = useMutation({
    mutationFn: () => client.dryRun({ templateRef, ...splitSecrets(formData, secretNames) }),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const goTo = (index: number) => {
    setActive(index);
    dryRun.reset();
    heading.current?.focus();
  };

  const current = steps[active];
  return (
    <PageLayout
      title={parameterSchema.title}
      tabTitle={`Create: ${parameterSchema.title}`}
      subtitle={parameterSchema.description}
      actions={
        <Button component={RouterLink} to="/create">
          All templates
        </Button>
      }
    >
      <Stepper activeStep={active} alternativeLabel sx={{ mb: 3 }}>
        {steps.map((step, index) => (
          <Step key={step.title} completed={index < active}>
            <StepLabel>{step.title}</StepLabel>
          </Step>
        ))}
        <Step>
          <StepLabel>Review</StepLabel>
        </Step>
      </Stepper>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography ref={heading} tabIndex={-1} variant="h5" component="h2" sx={{ mb: 1, outline: 'none' }}>
          {current ? current.title : 'Review and create'}
        </Typography>
        {current?.description && <Typography sx={{ color: 'text.secondary', mb: 2 }}>{current.description}</Typography>}
        {current ? (
          <StepForm
            key={active}
            schema={current.schema}
            uiSchema={current.uiSchema}
            // Each form sees only its own fields: other steps' values would skew how rjsf picks the
            // conditional section (and its defaults) that matches the data.
            formData={pick(formData, current.fields)}
            onChange={data => setFormData(previous => ({ ...previous, ...data }))}
            onNext={data => {
              setFormData(previous => ({ ...previous, ...data }));
              goTo(active + 1);
            }}
            onBack={active > 0 ? () => goTo(active - 1) : undefined}
            nextLabel={active === reviewIndex - 1 ? 'Review' : 'Next'}
          />
        ) : (
          <Stack spacing={3}>
            <ReviewStep sections={steps.map(step => ({ title: step.title, rows: reviewRows(step.schema, step.uiSchema, formData, secretNames) }))} />
            {create.isError && <ErrorPanel error={create.error} title="Could not start the task" />}
            {dryRun.isError && <ErrorPanel error={dryRun.error} title="The dry run failed" />}
            <Stack direction="row" spacing={1}>
              <Button onClick={() => goTo(reviewIndex - 1)} disabled={reviewIndex === 0}>
                Back
              </Button>
              <Button variant="outlined" onClick={() => dryRun.mutate()} loading={dryRun.isPending}>
                Dry run
              </Button>
              <Button variant="contained" onClick={() => create.mutate()} loading={create.isPending}>
                Create
              </Button>
            </Stack>
            {dryRun.data && <DryRunPanel result={dryRun.data} />}
          </Stack>
        )}
      </Paper>
    </PageLayout>
  );
}

function pick(data: JsonObject, names: string[]): JsonObject {
  return Object.fromEntries(names.filter(name => name in data).map(name => [name, data[name]]));
}
