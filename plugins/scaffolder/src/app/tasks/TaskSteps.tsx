import { useEffect, useState } from 'react';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutlineIcon from '@mui/icons-material/DoNotDisturbAlt';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import { formatDuration, type StepProgress } from './taskProgress.js';

const STATUS_LABELS: Record<StepProgress['status'], string> = {
  open: 'Waiting',
  processing: 'Running',
  completed: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

function StepIcon({ status }: { status: StepProgress['status'] }) {
  switch (status) {
    case 'processing':
      return <CircularProgress size={20} aria-hidden />;
    case 'completed':
      return <CheckCircleIcon color="success" />;
    case 'failed':
      return <ErrorIcon color="error" />;
    case 'skipped':
    case 'cancelled':
      return <RemoveCircleOutlineIcon color="disabled" />;
    default:
      return <RadioButtonUncheckedIcon color="disabled" />;
  }
}

/** Ticks once a second while something runs, so running steps show their time so far. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function TaskSteps({ steps, selected, onSelect }: { steps: StepProgress[]; selected?: string; onSelect: (stepId: string | undefined) => void }) {
  const now = useNow(steps.some(step => step.status === 'processing'));
  return (
    <List aria-label="Steps" dense>
      {steps.map(step => {
        const started = step.startedAt ? Date.parse(step.startedAt) : undefined;
        const ended = step.endedAt ? Date.parse(step.endedAt) : undefined;
        const duration = started !== undefined ? formatDuration((ended ?? now) - started) : undefined;
        return (
          <ListItemButton
            key={step.id}
            selected={step.id === selected}
            onClick={() => onSelect(step.id === selected ? undefined : step.id)}
            aria-label={`${step.name}: ${STATUS_LABELS[step.status]}${duration ? `, ${duration}` : ''}`}
            data-status={step.status}
          >
            <ListItemIcon sx={{ minWidth: 36 }}>
              <StepIcon status={step.status} />
            </ListItemIcon>
            <ListItemText primary={step.name} secondary={[STATUS_LABELS[step.status], duration].filter(Boolean).join(' · ')} />
          </ListItemButton>
        );
      })}
    </List>
  );
}
