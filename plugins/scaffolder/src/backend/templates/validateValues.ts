import { InputError, type FieldProblem } from '@portal/backend-common';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { checkPickerValues, type PickerCheckContext } from './checkPickerValues.js';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Removes the form hints (`ui:*` keys), which are not JSON Schema. */
export function stripUiKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUiKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('ui:'))
        .map(([key, v]) => [key, stripUiKeys(v)]),
    );
  }
  return value;
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);

function describe(error: ErrorObject): FieldProblem {
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { path: `${error.instancePath}/${missing}`, message: 'is required' };
  }
  return { path: error.instancePath, message: error.message ?? 'is not valid' };
}

/**
 * Checks the values against every page of the template's parameters (Backstage validates page by
 * page), then checks what each field extension's value means. The browser runs the same checks,
 * but the API is reachable without the browser.
 */
export async function validateValues(pages: Array<Record<string, unknown>>, values: Record<string, unknown>, context: PickerCheckContext): Promise<void> {
  const fields: FieldProblem[] = [];
  for (const page of pages) {
    let validate;
    try {
      validate = ajv.compile(stripUiKeys({ type: 'object', ...page }) as object);
    } catch (error) {
      throw new InputError(`The template's parameter schema is not valid: ${(error as Error).message}`);
    }
    if (!validate(values)) fields.push(...(validate.errors ?? []).map(describe));
  }
  fields.push(...(await checkPickerValues(pages, values, context)));
  if (fields.length > 0) {
    // Each field's problem goes to the error body as `error.fields`, its path a JSON pointer such as `/name`.
    throw new InputError(`The values do not match the template's parameters: ${fields.map(f => `${f.path || '/'} ${f.message}`).join('; ')}`, { fields });
  }
}
