import type { FieldProps } from '@rjsf/utils';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function uiOptionsOf(props: Pick<FieldProps, 'uiSchema'>): Json {
  const options = props.uiSchema?.['ui:options'];
  return isObject(options) ? options : {};
}

export function stringListOption(options: Json, key: string): string[] | undefined {
  const value = options[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** The label, help text and error state every field extension shows the same way. */
export function fieldChrome(props: FieldProps) {
  const { schema, uiSchema, required, rawErrors, name } = props;
  const title = typeof uiSchema?.['ui:title'] === 'string' ? uiSchema['ui:title'] : (schema.title ?? name);
  return {
    label: title,
    required: Boolean(required),
    error: Boolean(rawErrors?.length),
    autoFocus: Boolean(props.autofocus || uiSchema?.['ui:autofocus']),
    placeholder: typeof uiSchema?.['ui:placeholder'] === 'string' ? uiSchema['ui:placeholder'] : undefined,
    disabled: Boolean(props.disabled || props.readonly),
    // rjsf shows descriptions only beside its own widgets; a field extension shows its own.
    helperText: typeof uiSchema?.['ui:description'] === 'string' ? uiSchema['ui:description'] : schema.description,
  };
}

/**
 * A template's `catalogFilter` (one object or a list, values a string or a list) as the catalog
 * query API's filters: keys within one filter must all match, the filters are alternatives.
 */
export function catalogFilterToQuery(catalogFilter: unknown): string[] {
  const filters = Array.isArray(catalogFilter) ? catalogFilter : catalogFilter === undefined ? [] : [catalogFilter];
  const result: string[] = [];
  for (const filter of filters) {
    if (!isObject(filter)) continue;
    // A key given several values matches any of them; the query API takes one value per filter
    // string, so the combinations are spelled out.
    let combos: string[][] = [[]];
    for (const [key, value] of Object.entries(filter)) {
      const values = (Array.isArray(value) ? value : [value]).filter(v => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
      if (value === undefined || values.length === 0) continue;
      combos = combos.flatMap(combo => values.map(v => [...combo, `${key}=${String(v).toLowerCase()}`]));
    }
    for (const combo of combos) if (combo.length) result.push(combo.join(','));
  }
  return result;
}
