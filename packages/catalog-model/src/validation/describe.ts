import type { z } from 'zod';

type Path = ReadonlyArray<PropertyKey>;

export function pathToString(path: Path): string {
  return path.map(String).join('.');
}

export function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
    case 'bigint':
      return `the number ${String(value)}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return value instanceof Date ? 'a date' : 'a mapping';
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  object: 'a mapping',
  array: 'a list',
  boolean: 'true or false',
  number: 'a number',
};

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** One sentence a person can act on, naming the field: `spec.owner is required for a Component`. */
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, basePath: Path, kind?: string): string {
  const fullPath = [...basePath, ...issue.path];
  const field = pathToString(fullPath);
  const value = valueAt(data, fullPath);
  const forKind = kind ? ` for ${article(kind)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${field} is required${forKind}`;
      return `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(value)}`;
    case 'too_small':
      if (issue.origin === 'string') return `${field} must not be empty`;
      if (issue.origin === 'array') return `${field} must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
      return `${field} is too small`;
    case 'invalid_value':
      return `${field} must be ${issue.values.map(v => JSON.stringify(v)).join(' or ')}, not ${JSON.stringify(value) ?? 'undefined'}`;
    case 'invalid_union':
      return issue.message && issue.message !== 'Invalid input' ? `${field} ${issue.message}` : `${field} has an unexpected form (${describeValue(value)})`;
    case 'custom': {
      // Show the offending value, unless the problem is the key itself (its value is irrelevant).
      const shown = typeof value === 'string' && !issue.params?.key ? ` ${JSON.stringify(value)}` : '';
      return field ? `${field}${shown} ${issue.message}` : issue.message;
    }
    default:
      return `${field}: ${issue.message}`;
  }
}
