type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A parameter drawn by a field extension (`ui:field`), found by its place in the schema. */
export interface PickerField {
  /** Where the value sits in the values, such as `['owner']` or `['service', 'owner']`. */
  path: string[];
  /** The `ui:field`, such as `OwnerPicker`. */
  field: string;
  /** Its `ui:options`; `{}` when there are none. */
  options: Json;
  /** Listed in `required` by the schema object that declares it. */
  required: boolean;
}

// Far deeper than any form; it only stops a hostile inline template from recursing forever.
const MAX_DEPTH = 32;

function walk(schema: unknown, path: string[], found: PickerField[], depth: number): void {
  if (!isObject(schema) || depth > MAX_DEPTH) return;
  const required = Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === 'string') : [];
  if (isObject(schema.properties)) {
    for (const [key, property] of Object.entries(schema.properties)) {
      if (!isObject(property)) continue;
      const at = [...path, key];
      if (typeof property['ui:field'] === 'string') {
        const options = isObject(property['ui:options']) ? property['ui:options'] : {};
        found.push({ path: at, field: property['ui:field'], options, required: required.includes(key) });
      }
      // An object's own properties have fixed places too. Items of arrays do not, so they are not walked.
      walk(property, at, found, depth + 1);
    }
  }
  // Fields that appear after another answer live at the same level as the answer.
  if (isObject(schema.dependencies)) {
    for (const dependency of Object.values(schema.dependencies)) walk(dependency, path, found, depth + 1);
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) walk(branch, path, found, depth + 1);
  }
  for (const key of ['then', 'else'] as const) walk(schema[key], path, found, depth + 1);
}

/**
 * Every field of the parameter pages that a field extension draws. A field declared in several
 * branches (`oneOf` under `dependencies`) is listed once per declaration, and each applies.
 */
export function findPickerFields(pages: Array<Record<string, unknown>>): PickerField[] {
  const found: PickerField[] = [];
  for (const page of pages) walk(page, [], found, 0);
  return found;
}

/** The value at a field's path, or undefined where the values have no such object. */
export function valueAt(values: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = values;
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The JSON pointer of a path (`/service/owner`), as field errors name values. */
export function pointerOf(path: Array<string | number>): string {
  return path.map(part => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
