import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchJson, ResponseError } from '@portal/app-api';
import type { CurrentUser, ListTasksQuery, ScaffolderTask } from '../common/index.js';
import { useScaffolderClient } from './api.js';

/** Every template in the catalog, by title; the gallery filters them in the browser. */
export function useTemplates() {
  const client = useScaffolderClient();
  return useQuery({
    queryKey: ['scaffolder', 'templates'],
    queryFn: async ({ signal }) => {
      const items = [];
      let cursor: string | undefined;
      // Organisations keep tens of templates, not thousands; a few pages at most.
      for (let page = 0; page < 20; page++) {
        const answer = await client.queryEntities({ filter: ['kind=template'], limit: 200, cursor, orderField: 'metadata.name,asc' }, signal);
        items.push(...answer.items);
        cursor = answer.pageInfo?.nextCursor;
        if (!cursor) break;
      }
      return items;
    },
  });
}

/** The ids of the actions this portal has; they change only with a deployment. */
export function useActionIds() {
  const client = useScaffolderClient();
  return useQuery({
    queryKey: ['scaffolder', 'actions'],
    queryFn: async ({ signal }) => new Set((await client.listActions(signal)).map(action => action.id)),
    staleTime: 10 * 60_000,
  });
}

export function useParameterSchema(namespace: string, name: string) {
  const client = useScaffolderClient();
  return useQuery({
    queryKey: ['scaffolder', 'parameter-schema', namespace, name],
    queryFn: ({ signal }) => client.getTemplateParameterSchema({ namespace, name }, signal),
  });
}

const ENDED: ReadonlySet<ScaffolderTask['status']> = new Set(['completed', 'failed', 'cancelled']);

export function isTaskEnded(task: Pick<ScaffolderTask, 'status'> | undefined): boolean {
  return task !== undefined && ENDED.has(task.status);
}

export function useTask(taskId: string) {
  const client = useScaffolderClient();
  return useQuery({
    queryKey: ['scaffolder', 'task', taskId],
    queryFn: ({ signal }) => client.getTask(taskId, signal),
    staleTime: 0,
  });
}

export function useTasks(query: ListTasksQuery, options: { enabled?: boolean } = {}) {
  const client = useScaffolderClient();
  return useQuery({
    queryKey: ['scaffolder', 'tasks', query],
    queryFn: ({ signal }) => client.listTasks(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
    enabled: options.enabled ?? true,
  });
}

/**
 * The signed-in user, or null when the portal runs without sign-in (no /api/auth/me, or nobody
 * signed in): pages then show everyone's tasks.
 */
export function useCurrentUser() {
  return useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async ({ signal }) => {
      try {
        const me = await fetchJson<CurrentUser & { user?: CurrentUser; identity?: CurrentUser }>('/api/auth/me', { signal });
        const user = me.identity ?? me.user ?? me;
        return typeof user.userEntityRef === 'string' ? user : null;
      } catch (error) {
        if (error instanceof ResponseError && error.statusCode < 500) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}
