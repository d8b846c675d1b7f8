import type { JsonObject } from '@portal/catalog-model';
import type { UiSchema } from '@rjsf/utils';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fields rendered with the `Secret` extension, in any step: they travel as secrets, not values. */
export function secretFieldNames(uiSchemas: UiSchema[]): Set<string> {
  const names = new Set<string>();
  for (const uiSchema of uiSchemas) {
    for (const [name, fieldUi] of Object.entries(uiSchema)) {
      if (isObject(fieldUi) && fieldUi['ui:field'] === 'Secret') names.add(name);
    }
  }
  return names;
}

/** Splits the form's data into the task's values and secrets. */
export function splitSecrets(formData: JsonObject, secretNames: Set<string>): { values: JsonObject; secrets: Record<string, string> } {
  const values: JsonObject = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(formData)) {
    if (secretNames.has(key)) {
      if (value !== undefined && value !== '') secrets[key] = String(value);
    } else if (value !== undefined) {
      values[key] = value;
    }
  }
  return { values, secrets };
}

export interface StoredWizardState {
  step: number;
  formData: JsonObject;
}

function storageKey(templateRef: string): string {
  return `portal.scaffolder.form:${templateRef}`;
}

/**
 * The wizard's progress in this browser tab, so a reload loses nothing. Secrets are left out: they
 * must not rest in storage a script on the page could read later.
 */
export function saveWizardState(templateRef: string, state: StoredWizardState, secretNames: Set<string>): void {
  const { values } = splitSecrets(state.formData, secretNames);
  try {
    sessionStorage.setItem(storageKey(templateRef), JSON.stringify({ step: state.step, formData: values }));
  } catch {
    // Storage full or disabled (private mode): the form still works, it just won't survive a reload.
  }
}

export function loadWizardState(templateRef: string): StoredWizardState | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(templateRef));
    if (!raw) return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed) || !isObject(parsed.formData) || typeof parsed.step !== 'number') return undefined;
    return { step: parsed.step, formData: parsed.formData };
  } catch {
    return undefined;
  }
}

export function clearWizardState(templateRef: string): void {
  try {
    sessionStorage.removeItem(storageKey(templateRef));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}
