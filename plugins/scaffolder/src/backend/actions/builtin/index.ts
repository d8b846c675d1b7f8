import type { GitReader } from '@portal/git';
import type { ScaffolderCatalogClient } from '../../catalogClient.js';
import { createGitlabActions } from '../gitlab/index.js';
import type { TemplateAction } from '../types.js';
import { createUtilityActions, type UtilityActionDeps } from '../utils/index.js';
import { catalogWriteAction, createCatalogFetchAction, createCatalogRegisterAction } from './catalog.js';
import { debugLogAction, debugWaitAction } from './debug.js';
import { createFetchPlainAction, createFetchPlainFileAction, createFetchTemplateAction } from './fetch.js';
import { fsDeleteAction, fsRenameAction } from './fs.js';
import { createPublishGitAction, type PublishDeps } from './publishGit.js';

export interface BuiltinActionDeps extends PublishDeps {
  /** For http:backstage:request: the portal's own base URL and its task tokens. */
  utilities: UtilityActionDeps;
  reader: GitReader;
  catalog: ScaffolderCatalogClient;
  apiBaseUrls: Record<string, string>;
}

export function createBuiltinActions(deps: BuiltinActionDeps): TemplateAction[] {
  return [
    createFetchTemplateAction(deps.reader),
    createFetchPlainAction(deps.reader),
    createFetchPlainFileAction(deps.reader),
    createPublishGitAction(deps),
    ...createGitlabActions(deps),
    createCatalogRegisterAction(deps.catalog),
    catalogWriteAction,
    createCatalogFetchAction(deps.catalog),
    fsDeleteAction,
    fsRenameAction,
    debugLogAction,
    debugWaitAction,
    ...createUtilityActions(deps.utilities),
  ] as TemplateAction[];
}
