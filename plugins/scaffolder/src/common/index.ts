export const SCAFFOLDER_PLUGIN_ID = 'scaffolder';
export { ScaffolderClient } from './ScaffolderClient.js';
export type { EntitiesQuery, FetchJsonFn, ScaffolderClientOptions } from './ScaffolderClient.js';
export { createTaskBody, dryRunBody, eventsQuery, listTasksQuery } from './requestSchemas.js';
export type { CreateTaskRequest, DryRunRequest, ListTasksQuery } from './requestSchemas.js';
export { isValidRepoName, parseRepoPickerUrl, serializeRepoPickerUrl } from './repoUrl.js';
export type { RepoUrlParts } from './repoUrl.js';
export type {
  ActionDescription,
  CurrentUser,
  DryRunFile,
  DryRunResult,
  EntitiesQueryResponse,
  ListTasksResponse,
  ScaffolderOutputLink,
  ScaffolderOutputText,
  ScaffolderStepState,
  ScaffolderStepStatus,
  ScaffolderTask,
  ScaffolderTaskEvent,
  ScaffolderTaskOutput,
  ScaffolderTaskSpec,
  ScaffolderTaskStatus,
  ScaffolderTaskStepSpec,
  TemplateParameterSchema,
  TemplateParameterStep,
} from './types.js';
