import Chip from '@mui/material/Chip';
import type { ScaffolderTaskStatus } from '../../common/index.js';

const LOOK: Record<ScaffolderTaskStatus, { label: string; color: 'default' | 'info' | 'success' | 'error' | 'warning' }> = {
  open: { label: 'Queued', color: 'default' },
  processing: { label: 'Running', color: 'info' },
  completed: { label: 'Completed', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  cancelled: { label: 'Cancelled', color: 'warning' },
};

export function TaskStatusChip({ status }: { status: ScaffolderTaskStatus }) {
  const look = LOOK[status] ?? { label: status, color: 'default' };
  return <Chip size="small" variant="outlined" label={look.label} color={look.color} data-status={status} />;
}
