import { stringify } from 'yaml';

export interface CorpusCase {
  name: string;
  /** The catalog file, one YAML document. */
  yaml: string;
  /** The verdict this package must give. */
  valid: boolean;
}

type Doc = Record<string, unknown>;

export const BASES: Record<string, Doc> = {
  Component: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  },
  API: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments-api' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0\n' },
  },
  Resource: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'payments-db' },
    spec: { type: 'database', owner: 'team-a' },
  },
  System: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'billing' },
    spec: { owner: 'team-a' },
  },
  Domain: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'finance' },
    spec: { owner: 'team-a' },
  },
  Group: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: [] },
  },
  User: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'jdoe' },
    spec: { memberOf: ['team-a'] },
  },
  Location: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: { name: 'org' },
    spec: { type: 'url', target: './org.yaml' },
  },
  Template: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'node-service' },
    spec: {
      type: 'service',
      owner: 'team-a',
      parameters: [{ title: 'Name', required: ['name'], properties: { name: { type: 'string' } } }],
      steps: [{ id: 'fetch', name: 'Fetch', action: 'fetch:template', input: { url: './content' } }],
    },
  },
};

/** A copy of `doc` with `path` (dotted) set to `value`, or removed when `value` is undefined. */
export function withField(doc: Doc, path: string, value: unknown): Doc {
  const copy = structuredClone(doc);
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

export function toYaml(doc: unknown): string {
  return stringify(doc);
}

export function fieldCase(kind: string, name: string, path: string, value: unknown, valid: boolean): CorpusCase {
  return { name: `${kind}: ${name}`, yaml: toYaml(withField(BASES[kind]!, path, value)), valid };
}

/** Metadata cases are run on a Component, the most common kind. */
export function metaCase(name: string, path: string, value: unknown, valid: boolean): CorpusCase {
  return fieldCase('Component', name, path, value, valid);
}
