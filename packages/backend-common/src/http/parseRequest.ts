import { z } from 'zod';
import { InputError, type FieldProblem } from '../errors.js';

/** The part of a request an input came from, as the error message names it. */
export type RequestPart = 'query' | 'body' | 'path';

/**
 * Parses one part of a request with its schema. On failure throws an InputError whose message
 * names every problem with its parameter, in one style for every route
 * (`Invalid query: limit must be a number; offset must not be negative`), and whose `fields`
 * list the same problems one by one. A missing body or query counts as an empty one, so a request
 * without a body is told which fields are required rather than that it has no object.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, where: RequestPart): z.output<S> {
  const result = schema.safeParse(value ?? {}, { error: describeIssue });
  if (result.success) return result.data;
  const fields: FieldProblem[] = result.error.issues.map(issue => ({ path: formatPath(issue.path), message: issue.message }));
  const problems = fields.map(field => (field.path ? `${field.path} ${field.message}` : field.message));
  throw new InputError(`Invalid ${where}: ${problems.join('; ')}`, { fields });
}

/** `['filter', 0, 'key']` as `filter[0].key`. */
function formatPath(path: PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  date: 'a date',
};

/**
 * Zod's default messages (`Invalid input: expected number, received NaN`) read badly after a
 * parameter name; these read as `limit must be a number`. Messages a schema sets itself win over
 * these, and any issue not described here keeps zod's own message.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return describeBound(issue.origin, 'least', issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return describeBound(issue.origin, 'most', issue.maximum, issue.inclusive ?? true);
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map(v => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'is not in the expected format' : `must be a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'is none of the accepted forms';
    default:
      return undefined;
  }
}

function describeBound(origin: string, side: 'least' | 'most', bound: number | bigint, inclusive: boolean): string | undefined {
  const value = Number(bound);
  if (origin === 'string') {
    if (side === 'least' && value === 1) return 'must not be empty';
    return `must be at ${side} ${value} characters long`;
  }
  if (origin === 'array' || origin === 'set') {
    if (side === 'least' && value === 1) return 'must not be empty';
    return `must have at ${side} ${value} ${value === 1 ? 'item' : 'items'}`;
  }
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (inclusive) return `must be at ${side} ${value}`;
    return `must be ${side === 'least' ? 'greater' : 'less'} than ${value}`;
  }
  return undefined;
}
