import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import { describeSchemaError } from './schemaErrorMessages.js';

// The portal's CSP is `script-src 'self'`: Ajv compiles schemas into functions with `new Function`,
// which that policy forbids. @cfworker/json-schema interprets schemas instead, so forms validate
// under a strict CSP.

/** Keywords that only summarise the errors of their subschemas; their children carry the detail. */
const SUMMARY_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'additionalItems',
  'prefixItems',
  'dependencies',
  'dependentSchemas',
  'allOf',
  '$ref',
  '$recursiveRef',
  'if',
  'then',
  'else',
  'contains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
]);
const BRANCH_KEYWORDS = new Set(['oneOf', 'anyOf']);
const MAX_CACHED_VALIDATORS = 200;

export class FormValidator implements ValidatorType<unknown, RJSFSchema> {
  readonly #cache = new Map<string, Validator>();

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    customValidate?: CustomValidator<unknown, RJSFSchema>,
    transformErrors?: ErrorTransformer<unknown, RJSFSchema>,
    uiSchema?: UiSchema<unknown, RJSFSchema>,
  ): ValidationData<unknown> {
    const { errors: rawErrors = [], validationError } = this.rawValidation<RJSFValidationError>(schema, formData);
    let errors = rawErrors;
    if (validationError) errors = [...errors, { stack: `The form's schema is invalid: ${validationError.message}` }];
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<unknown>(errors);
    if (!customValidate) return { errors, errorSchema };
    // Custom validation sees the data with defaults filled in, as it will be submitted.
    const withDefaults = getDefaultFormState<unknown, RJSFSchema>(this, schema, formData, schema, true);
    const handler = customValidate(withDefaults, createErrorHandler<unknown>(withDefaults), uiSchema);
    return validationDataMerge<unknown>({ errors, errorSchema }, unwrapErrorHandler<unknown>(handler));
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return this.#validator(withRootDefinitions(schema, rootSchema), true).validate(formData).valid;
    } catch {
      return false;
    }
  }

  rawValidation<Result = RJSFValidationError>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const result = this.#validator(schema, false).validate(formData);
      if (result.valid) return { errors: [] };
      return { errors: toValidationErrors(result.errors, schema) as Result[] };
    } catch (error) {
      return { errors: [], validationError: error instanceof Error ? error : new Error(String(error)) };
    }
  }

  reset(): void {
    this.#cache.clear();
  }

  #validator(schema: RJSFSchema, shortCircuit: boolean): Validator {
    const key = `${shortCircuit ? 1 : 0}${JSON.stringify(schema)}`;
    let validator = this.#cache.get(key);
    if (!validator) {
      if (this.#cache.size >= MAX_CACHED_VALIDATORS) this.#cache.delete(this.#cache.keys().next().value!);
      validator = new Validator(schema as Schema, '7', shortCircuit);
      this.#cache.set(key, validator);
    }
    return validator;
  }
}

/** rjsf asks about subschemas whose `$ref`s point into the root schema's definitions. */
function withRootDefinitions(schema: RJSFSchema, rootSchema: RJSFSchema): RJSFSchema {
  if (schema === rootSchema || (!rootSchema.definitions && !rootSchema.$defs)) return schema;
  return { definitions: rootSchema.definitions, $defs: rootSchema.$defs, ...schema } as RJSFSchema;
}

/**
 * Turns the validator's output into rjsf's errors: only the errors that name a real problem, and
 * for `oneOf`/`anyOf` only those of the alternative the data was closest to (the one whose
 * `const`/`enum` discriminators match), so a conditional section does not report the other
 * sections' rules.
 */
export function toValidationErrors(units: OutputUnit[], schema: RJSFSchema): RJSFValidationError[] {
  // Subtrees of alternatives not taken, and the summary units of the combinators themselves.
  const dropped = new Set<string>();
  const summaries = new Set<string>();
  for (const unit of units) {
    if (!BRANCH_KEYWORDS.has(unit.keyword)) continue;
    const branches = new Map<string, OutputUnit[]>();
    for (const child of units) {
      const match = child.keywordLocation.startsWith(`${unit.keywordLocation}/`)
        ? /^(\d+)/.exec(child.keywordLocation.slice(unit.keywordLocation.length + 1))
        : null;
      if (!match) continue;
      const list = branches.get(match[1]!) ?? [];
      list.push(child);
      branches.set(match[1]!, list);
    }
    if (branches.size === 0) continue;
    const score = (list: OutputUnit[]) => {
      const leaves = list.filter(isLeaf);
      const mismatched = leaves.some(leaf => leaf.keyword === 'const' || leaf.keyword === 'enum');
      return (mismatched ? 1000 : 0) + leaves.length;
    };
    const [best] = [...branches.entries()].sort((a, b) => score(a[1]) - score(b[1]));
    for (const [index] of branches) if (index !== best![0]) dropped.add(`${unit.keywordLocation}/${index}`);
    // The alternative's own errors say more than "does not match exactly one subschema".
    summaries.add(unit.keywordLocation);
  }
  const isDropped = (unit: OutputUnit) =>
    (summaries.has(unit.keywordLocation) && BRANCH_KEYWORDS.has(unit.keyword)) ||
    [...dropped].some(prefix => unit.keywordLocation === prefix || unit.keywordLocation.startsWith(`${prefix}/`));
  const kept = units.filter(unit => !SUMMARY_KEYWORDS.has(unit.keyword) && !isDropped(unit));
  const seen = new Set<string>();
  const errors: RJSFValidationError[] = [];
  for (const unit of kept) {
    const error = toValidationError(unit, schema);
    const key = `${error.property}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(error);
  }
  return errors;
}

function isLeaf(unit: OutputUnit): boolean {
  return !SUMMARY_KEYWORDS.has(unit.keyword) && !BRANCH_KEYWORDS.has(unit.keyword);
}

function toValidationError(unit: OutputUnit, schema: RJSFSchema): RJSFValidationError {
  const path = pointerSegments(unit.instanceLocation);
  const keywordValue = valueAtPointer(schema, unit.keywordLocation);
  let params: Record<string, unknown> = { [unit.keyword]: keywordValue };
  if (unit.keyword === 'required') {
    // The data lacks a property: rjsf shows that error on the missing property's field.
    const missing = /required property "(.*)"\.$/.exec(unit.error)?.[1];
    if (missing !== undefined) {
      path.push(missing);
      params = { missingProperty: missing };
    }
  }
  const property = toPropertyPath(path);
  const message = describeSchemaError(unit.keyword, keywordValue, unit.error);
  return {
    name: unit.keyword,
    property,
    message,
    params,
    schemaPath: unit.keywordLocation,
    stack: `${property || '.'} ${message}`.trim(),
  };
}

function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, '');
  if (body === '' || body === '/') return [];
  return body
    .slice(1)
    .split('/')
    .map(segment => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let current = root;
  for (const segment of pointerSegments(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** rjsf's property paths: `.name`, `.items.0`, `['odd-key']`. */
function toPropertyPath(segments: string[]): string {
  return segments.map(segment => (/^[A-Za-z_$][\w$]*$|^\d+$/.test(segment) ? `.${segment}` : `['${segment.replace(/'/g, "\\'")}']`)).join('');
}

export const formValidator = new FormValidator();
