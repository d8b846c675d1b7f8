import type { UiSchema } from '@rjsf/utils';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The field that stands in for a `ui:field` this portal does not have. */
export const UNKNOWN_FIELD = 'UnknownFieldExtension';
/** Where the stand-in finds the name of the extension the template asked for. */
export const STANDS_IN_FOR = 'ui:standsInFor';

/**
 * Points every `ui:field` the portal lacks (a company's own extension, say) at a labelled text
 * input that names it, so the template still opens and can be filled in by hand.
 */
export function replaceUnknownFields(uiSchema: UiSchema, known: ReadonlySet<string>): UiSchema {
  const walk = (node: Json): Json => {
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = !key.startsWith('ui:') && isObject(value) ? walk(value) : value;
    const field = node['ui:field'];
    if (typeof field === 'string' && !known.has(field)) {
      out['ui:field'] = UNKNOWN_FIELD;
      out[STANDS_IN_FOR] = field;
    }
    return out;
  };
  return walk(uiSchema) as UiSchema;
}
