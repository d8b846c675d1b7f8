import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import PlaylistPlayIcon from '@mui/icons-material/PlaylistPlay';
import { EmptyState, ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import type { ScaffolderTask } from '../../common/index.js';
import { useCurrentUser, useTasks } from '../hooks.js';
import { TaskStatusChip } from './TaskStatusChip.js';

function templateName(task: ScaffolderTask): string {
  const ref = task.spec.templateInfo?.entityRef;
  return ref ? ref.replace(/^template:/, '').replace(/^default\//, '') : '(unknown template)';
}

/** Runs of templates: the signed-in user's, or everyone's for those allowed to see them. */
export function TaskListPage() {
  const user = useCurrentUser();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  // Without sign-in there is no "mine": every task is shown.
  const signedIn = Boolean(user.data);
  const createdBy = signedIn && scope === 'mine' ? user.data!.userEntityRef : undefined;
  const tasks = useTasks({ createdBy, limit: pageSize, offset: page * pageSize }, { enabled: !user.isPending });
  const showAllTab = signedIn && user.data?.isAdmin !== false;

  return (
    <PageLayout
      title="Tasks"
      subtitle="Runs of software templates, newest first."
      actions={
        <Button component={RouterLink} to="/create">
          Templates
        </Button>
      }
    >
      {signedIn && (
        <Tabs
          value={scope}
          onChange={(_event, next: 'mine' | 'all') => {
            setScope(next);
            setPage(0);
          }}
          sx={{ mb: 2 }}
        >
          <Tab value="mine" label="My tasks" />
          {showAllTab && <Tab value="all" label="All tasks" />}
        </Tabs>
      )}
      {tasks.isPending ? (
        <Progress label="Loading tasks" />
      ) : tasks.isError ? (
        <ErrorPanel error={tasks.error} title="Could not load the tasks" />
      ) : tasks.data.tasks.length === 0 && page === 0 ? (
        <EmptyState
          icon={<PlaylistPlayIcon />}
          title="No tasks yet"
          description="Each time someone creates something from a template, its run is listed here with its steps and log."
          action={
            <Button variant="contained" component={RouterLink} to="/create">
              Choose a template
            </Button>
          }
        />
      ) : (
        <Paper variant="outlined">
          <Table size="small" aria-label="Tasks">
            <TableHead>
              <TableRow>
                <TableCell>Template</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Created by</TableCell>
                <TableCell>Started</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tasks.data.tasks.map(task => (
                <TableRow key={task.id} hover>
                  <TableCell>
                    <Link component={RouterLink} to={`/create/tasks/${encodeURIComponent(task.id)}`}>
                      {templateName(task)}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <TaskStatusChip status={task.status} />
                  </TableCell>
                  <TableCell>{task.createdBy ?? task.spec.user?.ref ?? '—'}</TableCell>
                  <TableCell>{new Date(task.createdAt).toLocaleString()}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={tasks.data.totalTasks ?? -1}
            page={page}
            rowsPerPage={pageSize}
            rowsPerPageOptions={[10, 25, 50, 100]}
            onPageChange={(_event, next) => setPage(next)}
            onRowsPerPageChange={event => {
              setPageSize(Number(event.target.value));
              setPage(0);
            }}
          />
        </Paper>
      )}
    </PageLayout>
  );
}
