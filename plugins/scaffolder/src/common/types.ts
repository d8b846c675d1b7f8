import type { Entity, JsonObject } from '@portal/catalog-model';

/** A task's life: created `open`, claimed `processing`, then one of the three ends. */
export type ScaffolderTaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
export type ScaffolderStepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** One parameter page of a template, as `GET …/parameter-schema` returns it (`ui:*` keys inline). */
export interface TemplateParameterStep {
  title: string;
  description?: string;
  schema: JsonObject;
}

export interface TemplateParameterSchema {
  title: string;
  description?: string;
  steps: TemplateParameterStep[];
}

export interface ScaffolderTaskStepSpec {
  id: string;
  name?: string;
  action: string;
  [key: string]: unknown;
}

export interface ScaffolderTaskSpec {
  apiVersion?: string;
  templateInfo?: { entityRef: string; baseUrl?: string };
  parameters: JsonObject;
  steps: ScaffolderTaskStepSpec[];
  output?: JsonObject;
  user?: { ref?: string };
  [key: string]: unknown;
}

export interface ScaffolderStepState {
  status: ScaffolderStepStatus;
  startedAt?: string;
  endedAt?: string;
}

/** The template's `output` section once rendered: links (to a URL or an entity) and texts. */
export interface ScaffolderOutputLink {
  title?: string;
  icon?: string;
  url?: string;
  entityRef?: string;
}
export interface ScaffolderOutputText {
  title?: string;
  icon?: string;
  content?: string;
  default?: boolean;
}
export interface ScaffolderTaskOutput {
  links?: ScaffolderOutputLink[];
  text?: ScaffolderOutputText[];
  [key: string]: unknown;
}

export interface ScaffolderTask {
  id: string;
  spec: ScaffolderTaskSpec;
  status: ScaffolderTaskStatus;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy?: string;
  /** Step states kept by the engine; the event stream carries the same changes live. */
  state?: Record<string, ScaffolderStepState>;
  output?: ScaffolderTaskOutput;
  error?: { name: string; message: string };
  completedAt?: string;
}

export interface ListTasksResponse {
  tasks: ScaffolderTask[];
  totalTasks?: number;
}

/** One event of a task's stream (`log`, `completion`, …), as the eventstream and events routes send it. */
export interface ScaffolderTaskEvent {
  id: number | string;
  taskId: string;
  type: 'log' | 'completion' | 'cancelled' | 'recovered' | 'step' | (string & {});
  createdAt: string;
  body: {
    message?: string;
    stepId?: string;
    status?: ScaffolderStepStatus | ScaffolderTaskStatus;
    output?: ScaffolderTaskOutput;
    error?: { name: string; message: string };
    [key: string]: unknown;
  };
}

export interface DryRunFile {
  path: string;
  base64Content: string;
  executable?: boolean;
}

export interface DryRunResult {
  status?: ScaffolderTaskStatus;
  error?: { name: string; message: string };
  log: Array<{ body: { message: string; stepId?: string; status?: string; [key: string]: unknown } }>;
  directoryContents: DryRunFile[];
  output: ScaffolderTaskOutput;
  steps: Array<{ id: string; name?: string; action: string }>;
}

/** A page of `GET /api/catalog/entities/by-query`, Backstage's shape. */
export interface EntitiesQueryResponse {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

/** The signed-in user, from `GET /api/auth/me`, when the portal has sign-in. */
export interface CurrentUser {
  userEntityRef: string;
  ownershipEntityRefs?: string[];
  isAdmin?: boolean;
  [key: string]: unknown;
}

/** One entry of `GET /v2/actions`. */
export interface ActionDescription {
  id: string;
  description: string;
  schema: { input: unknown; output?: unknown };
  supportsDryRun: boolean;
}
