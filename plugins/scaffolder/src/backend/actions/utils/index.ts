import type { TemplateAction } from '../types.js';
import { catalogAnnotationActions } from './catalogAnnotations.js';
import { dataActions } from './dataActions.js';
import { fileActions } from './fileActions.js';
import { createHttpBackstageRequestAction, type HttpBackstageRequestDeps } from './httpBackstageRequest.js';
import { mergeAction } from './mergeAction.js';
import { zipAction } from './zipAction.js';

export type UtilityActionDeps = HttpBackstageRequestDeps;

/** The utility actions real templates use: files, JSON and YAML, JSONata, zip, catalog annotations, the portal's API. */
export function createUtilityActions(deps: UtilityActionDeps): TemplateAction[] {
  return [...fileActions, ...dataActions, mergeAction, zipAction, ...catalogAnnotationActions, createHttpBackstageRequestAction(deps)] as TemplateAction[];
}
