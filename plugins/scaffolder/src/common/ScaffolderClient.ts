import type { Entity } from '@portal/catalog-model';
import type { CreateTaskRequest, DryRunRequest, ListTasksQuery } from './requestSchemas.js';
import type {
  ActionDescription,
  DryRunResult,
  EntitiesQueryResponse,
  ListTasksResponse,
  ScaffolderTask,
  ScaffolderTaskEvent,
  ScaffolderTaskStatus,
  TemplateParameterSchema,
} from './types.js';

/** How the client reaches the backend: the app passes app-api's fetchJson (errors as ResponseError). */
export type FetchJsonFn = <T>(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal }) => Promise<T>;

export interface ScaffolderClientOptions {
  fetchJson: FetchJsonFn;
  /** Prefix of the API routes; '' means the same origin. */
  baseUrl?: string;
}

export interface EntitiesQuery {
  /** Backstage filter strings, e.g. `kind=group`; several are ORed. */
  filter?: string[];
  fullTextFilterTerm?: string;
  fields?: string[];
  orderField?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Typed client for the scaffolder's v2 routes, plus the few catalog queries the Create pages need
 * (templates are catalog entities).
 */
export class ScaffolderClient {
  readonly #fetchJson: FetchJsonFn;
  readonly #baseUrl: string;

  constructor(options: ScaffolderClientOptions) {
    this.#fetchJson = options.fetchJson;
    this.#baseUrl = options.baseUrl ?? '';
  }

  #scaffolder(path: string): string {
    return `${this.#baseUrl}/api/scaffolder/v2${path}`;
  }

  getTemplateParameterSchema(templateRef: { namespace: string; kind?: string; name: string }, signal?: AbortSignal) {
    const { namespace, kind = 'template', name } = templateRef;
    const path = `/templates/${encode(namespace)}/${encode(kind)}/${encode(name)}/parameter-schema`;
    return this.#fetchJson<TemplateParameterSchema>(this.#scaffolder(path), { signal });
  }

  /** The actions this portal has, with their input schemas. */
  listActions(signal?: AbortSignal) {
    return this.#fetchJson<ActionDescription[]>(this.#scaffolder('/actions'), { signal });
  }

  createTask(request: CreateTaskRequest) {
    return this.#fetchJson<{ id: string }>(this.#scaffolder('/tasks'), { method: 'POST', body: request });
  }

  getTask(taskId: string, signal?: AbortSignal) {
    return this.#fetchJson<ScaffolderTask>(this.#scaffolder(`/tasks/${encode(taskId)}`), { signal });
  }

  listTasks(query: ListTasksQuery = {}, signal?: AbortSignal) {
    const params = new URLSearchParams();
    if (query.createdBy) params.set('createdBy', query.createdBy);
    if (query.status) params.set('status', query.status);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    const search = params.size ? `?${params}` : '';
    return this.#fetchJson<ListTasksResponse>(this.#scaffolder(`/tasks${search}`), { signal });
  }

  cancelTask(taskId: string) {
    return this.#fetchJson<{ status?: ScaffolderTaskStatus } | undefined>(this.#scaffolder(`/tasks/${encode(taskId)}/cancel`), {
      method: 'POST',
    });
  }

  /** Events recorded so far, for a task that has ended or when streaming is unavailable. */
  listTaskEvents(taskId: string, after?: number | string, signal?: AbortSignal) {
    const search = after !== undefined ? `?after=${encode(String(after))}` : '';
    return this.#fetchJson<ScaffolderTaskEvent[]>(this.#scaffolder(`/tasks/${encode(taskId)}/events${search}`), { signal });
  }

  /** The URL of a task's server-sent event stream (`log` and `completion` events). */
  taskEventStreamUrl(taskId: string, after?: number | string): string {
    const search = after !== undefined ? `?after=${encode(String(after))}` : '';
    return this.#scaffolder(`/tasks/${encode(taskId)}/eventstream${search}`);
  }

  dryRun(request: DryRunRequest) {
    return this.#fetchJson<DryRunResult>(this.#scaffolder('/dry-run'), { method: 'POST', body: request });
  }

  queryEntities(query: EntitiesQuery = {}, signal?: AbortSignal) {
    const params = new URLSearchParams();
    for (const filter of query.filter ?? []) params.append('filter', filter);
    for (const field of query.fields ?? []) params.append('fields', field);
    if (query.fullTextFilterTerm) params.set('fullTextFilterTerm', query.fullTextFilterTerm);
    if (query.orderField) params.set('orderField', query.orderField);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.size ? `?${params}` : '';
    return this.#fetchJson<EntitiesQueryResponse>(`${this.#baseUrl}/api/catalog/entities/by-query${search}`, { signal });
  }

  getEntityByName(ref: { kind: string; namespace: string; name: string }, signal?: AbortSignal) {
    const path = `/api/catalog/entities/by-name/${encode(ref.kind)}/${encode(ref.namespace)}/${encode(ref.name)}`;
    return this.#fetchJson<Entity>(`${this.#baseUrl}${path}`, { signal });
  }
}

function encode(segment: string): string {
  return encodeURIComponent(segment);
}
