import { useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import { parseEntityRef } from '@portal/catalog-model';
import type { ScaffolderTask } from '../../common/index.js';
import { useScaffolderClient } from '../api.js';
import { useTask } from '../hooks.js';
import { LogViewer } from './LogViewer.js';
import { TaskOutputPanel } from './TaskOutputPanel.js';
import { TaskStatusChip } from './TaskStatusChip.js';
import { TaskSteps } from './TaskSteps.js';
import { effectiveStatus, stepProgress, taskError, taskOutput } from './taskProgress.js';
import { useTaskEvents } from './useTaskEvents.js';

export function TaskPage() {
  const { id = '' } = useParams();
  const task = useTask(id);
  if (task.isPending) return <Progress label="Loading the task" />;
  if (task.isError) {
    return (
      <PageLayout title="Task" tabTitle="Task">
        <ErrorPanel
          error={task.error}
          title={`Could not load task ${id}`}
          action={
            <Button component={RouterLink} to="/create/tasks">
              All tasks
            </Button>
          }
        />
      </PageLayout>
    );
  }
  return <TaskView task={task.data} />;
}

function templateOf(task: ScaffolderTask): { namespace: string; name: string; ref: string } | undefined {
  const ref = task.spec.templateInfo?.entityRef;
  if (!ref) return undefined;
  try {
    const { namespace, name } = parseEntityRef(ref, { defaultKind: 'template' });
    return { namespace, name, ref };
  } catch {
    return undefined;
  }
}

function TaskView({ task }: { task: ScaffolderTask }) {
  const client = useScaffolderClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { events, connected } = useTaskEvents(task.id);
  const status = effectiveStatus(task, events);
  const steps = useMemo(() => stepProgress({ ...task, status }, events), [task, status, events]);
  const failedStep = steps.find(step => step.status === 'failed');
  // undefined: nothing chosen yet; null: the reader asked for every step's log.
  const [selectedStep, setSelectedStep] = useState<string | null | undefined>();
  // When a task fails, the failing step's log is what the reader came for.
  const shownStep = selectedStep === null ? undefined : (selectedStep ?? (status === 'failed' ? failedStep?.id : undefined));
  const lines = useMemo(
    () =>
      events
        .filter(event => event.type === 'log' && typeof event.body.message === 'string')
        .filter(event => !shownStep || event.body.stepId === shownStep)
        .map(event => event.body.message as string),
    [events, shownStep],
  );
  const output = taskOutput(task, events);
  const error = taskError(task, events);
  const template = templateOf(task);
  const running = status === 'open' || status === 'processing';
  const cancel = useMutation({
    mutationFn: () => client.cancelTask(task.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['scaffolder', 'task', task.id] }),
  });
  const startOver = () => {
    if (!template) return;
    navigate(`/create/templates/${encodeURIComponent(template.namespace)}/${encodeURIComponent(template.name)}`, {
      state: { formData: task.spec.parameters },
    });
  };
  const title = template ? `Run of ${template.name}` : 'Task';
  const shownStepName = steps.find(step => step.id === shownStep)?.name;

  return (
    <PageLayout
      title={title}
      tabTitle={`${title} (${status})`}
      subtitle={
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TaskStatusChip status={status} />
          <span>
            Started {new Date(task.createdAt).toLocaleString()}
            {task.createdBy ? ` by ${task.createdBy}` : ''}
          </span>
        </Stack>
      }
      actions={
        <>
          {running && (
            <Button color="error" variant="outlined" onClick={() => cancel.mutate()} loading={cancel.isPending} disabled={cancel.isSuccess}>
              {cancel.isSuccess ? 'Cancelling…' : 'Cancel'}
            </Button>
          )}
          {!running && template && (
            <Button variant="outlined" onClick={startOver}>
              Start over
            </Button>
          )}
          <Button component={RouterLink} to="/create/tasks">
            All tasks
          </Button>
        </>
      }
    >
      <Stack spacing={3}>
        {cancel.isError && <ErrorPanel error={cancel.error} title="Could not cancel the task" />}
        {status === 'failed' && (
          <Alert severity="error" variant="outlined">
            <AlertTitle>{failedStep ? `Step "${failedStep.name}" failed` : 'The task failed'}</AlertTitle>
            {error?.message ?? 'See the log below for what went wrong.'}
          </Alert>
        )}
        {status === 'cancelled' && <Alert severity="warning">The task was cancelled; steps after the cancelled one did not run.</Alert>}
        {status === 'completed' && <Alert severity="success">Done: every step finished.</Alert>}
        {output && status === 'completed' && <TaskOutputPanel output={output} />}
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '300px 1fr' }, alignItems: 'start' }}>
          <Paper variant="outlined">
            <Typography variant="subtitle1" component="h2" sx={{ px: 2, pt: 1.5, fontWeight: 600 }}>
              Steps
            </Typography>
            <TaskSteps steps={steps} selected={shownStep} onSelect={stepId => setSelectedStep(stepId ?? null)} />
          </Paper>
          <Stack spacing={1} sx={{ minWidth: 0 }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
              <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
                {shownStepName ? `Log of "${shownStepName}"` : 'Log'}
              </Typography>
              {shownStep && (
                <Button size="small" onClick={() => setSelectedStep(null)}>
                  Show all steps
                </Button>
              )}
              {running && (
                <Typography variant="caption" sx={{ color: 'text.secondary' }}>
                  {connected ? 'Live' : 'Connecting…'}
                </Typography>
              )}
            </Stack>
            <LogViewer lines={lines} label="Task log" maxHeight={560} />
          </Stack>
        </Box>
      </Stack>
    </PageLayout>
  );
}
