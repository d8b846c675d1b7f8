export const SCAFFOLDER_PLUGIN_ID = 'scaffolder';
export { ScaffolderClient } from './ScaffolderClient.js';
export type { EntitiesQuery, FetchJsonFn, ListTasksQuery, ScaffolderClientOptions } from './ScaffolderClient.js';
export { isValidRepoName, parseRepoPickerUrl, serializeRepoPickerUrl } from './repoUrl.js';
export type { RepoUrlParts } from './repoUrl.js';
export type {
  CreateTaskRequest,
  CurrentUser,
  DryRunFile,
  DryRunRequest,
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
