import type { Entity } from '@portal/catalog-model';

/**
 * The actions a template's steps name that this portal does not have, each once, in step order.
 * Undefined while the portal's list is not known, so nothing is marked by mistake.
 */
export function missingActionsOf(entity: Entity, actionIds: ReadonlySet<string> | undefined): string[] | undefined {
  if (!actionIds) return undefined;
  const steps = Array.isArray(entity.spec?.steps) ? (entity.spec.steps as unknown[]) : [];
  const named = steps.map(step => (typeof step === 'object' && step !== null ? (step as { action?: unknown }).action : undefined));
  return [...new Set(named.filter((action): action is string => typeof action === 'string' && action !== '' && !actionIds.has(action)))];
}
