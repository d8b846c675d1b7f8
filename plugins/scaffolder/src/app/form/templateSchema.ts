import type { JsonObject } from '@portal/catalog-model';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Templates write form hints (`ui:field`, `ui:options`, …) inside the JSON Schema, as Backstage does.
 * rjsf wants them apart: this splits a step's schema into a clean schema and its uiSchema. Hints in
 * `dependencies`, `oneOf`/`anyOf`/`allOf` and `if`/`then`/`else` belong to the same object's fields,
 * and `enumNames` becomes `ui:enumNames`.
 */
export function splitTemplateSchema(stepSchema: JsonObject): { schema: RJSFSchema; uiSchema: UiSchema } {
  const uiSchema: Json = {};
  const schema = extractInto(stepSchema, uiSchema);
  return { schema: schema as RJSFSchema, uiSchema: uiSchema as UiSchema };
}

function extractInto(source: Json, ui: Json): Json {
  const schema: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('ui:')) {
      ui[key] = value;
    } else if (key === 'enumNames' && Array.isArray(value)) {
      ui['ui:enumNames'] = value;
    } else if (key === 'properties' && isObject(value)) {
      schema.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => {
          if (!isObject(property)) return [name, property];
          const fieldUi = isObject(ui[name]) ? (ui[name] as Json) : {};
          const clean = extractInto(property, fieldUi);
          if (Object.keys(fieldUi).length > 0) ui[name] = fieldUi;
          return [name, clean];
        }),
      );
    } else if (key === 'items' && isObject(value)) {
      const itemsUi = isObject(ui.items) ? (ui.items as Json) : {};
      schema.items = extractInto(value, itemsUi);
      if (Object.keys(itemsUi).length > 0) ui.items = itemsUi;
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      schema[key] = value.map(branch => (isObject(branch) ? extractInto(branch, ui) : branch));
    } else if ((key === 'if' || key === 'then' || key === 'else') && isObject(value)) {
      schema[key] = extractInto(value, ui);
    } else if (key === 'dependencies' && isObject(value)) {
      schema.dependencies = Object.fromEntries(
        Object.entries(value).map(([name, dependency]) => [name, isObject(dependency) ? extractInto(dependency, ui) : dependency]),
      );
    } else {
      schema[key] = value;
    }
  }
  return schema;
}

/** Names of the fields a step renders with the given `ui:field`, at any depth of conditional sections. */
export function fieldsWithUiField(uiSchema: UiSchema, field: string): string[] {
  return Object.entries(uiSchema)
    .filter(([name, value]) => !name.startsWith('ui:') && isObject(value) && value['ui:field'] === field)
    .map(([name]) => name);
}
