import type { JsonObject } from '@portal/catalog-model';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface ReviewRow {
  name: string;
  title: string;
  value: string;
}

/** Property schemas of a step, including those of its conditional sections, first one wins. */
function collectProperties(schema: Json, into: Map<string, Json>): void {
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (isObject(property) && !into.has(name)) into.set(name, property);
    }
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const branch of branches) if (isObject(branch)) collectProperties(branch, into);
  }
  for (const key of ['then', 'else'] as const) if (isObject(schema[key])) collectProperties(schema[key], into);
  if (isObject(schema.dependencies)) {
    for (const dependency of Object.values(schema.dependencies)) if (isObject(dependency)) collectProperties(dependency, into);
  }
}

/** Every field a step can show, its conditional sections' included. */
export function stepFieldNames(schema: RJSFSchema): string[] {
  const properties = new Map<string, Json>();
  collectProperties(schema as Json, properties);
  return [...properties.keys()];
}

function display(value: unknown, property: Json, fieldUi: Json): string {
  const enumNames = fieldUi['ui:enumNames'];
  if (Array.isArray(property.enum) && Array.isArray(enumNames)) {
    const index = property.enum.indexOf(value);
    if (index !== -1 && typeof enumNames[index] === 'string') return enumNames[index];
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(item => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * What the review page lists for one step: each answered field with its title, in the form's order;
 * secrets masked, and fields the template hides from review (`ui:backstage.review.show: false`) left out.
 */
export function reviewRows(schema: RJSFSchema, uiSchema: UiSchema, formData: JsonObject, secretNames: Set<string>): ReviewRow[] {
  const properties = new Map<string, Json>();
  collectProperties(schema as Json, properties);
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]) : [];
  const names = [...properties.keys()].sort((a, b) => rank(order, a) - rank(order, b));
  const rows: ReviewRow[] = [];
  for (const name of names) {
    const value = formData[name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const property = properties.get(name)!;
    const fieldUi = isObject(uiSchema[name]) ? (uiSchema[name] as Json) : {};
    const review = isObject(fieldUi['ui:backstage']) && isObject(fieldUi['ui:backstage'].review) ? fieldUi['ui:backstage'].review : {};
    if (review.show === false) continue;
    const title = typeof property.title === 'string' ? property.title : name;
    const masked = secretNames.has(name) || typeof review.mask === 'string';
    rows.push({ name, title, value: masked ? (typeof review.mask === 'string' ? review.mask : '••••••') : display(value, property, fieldUi) });
  }
  return rows;
}

function rank(order: string[], name: string): number {
  const index = order.indexOf(name);
  if (index !== -1) return index;
  const wildcard = order.indexOf('*');
  return wildcard !== -1 ? wildcard : order.length;
}
