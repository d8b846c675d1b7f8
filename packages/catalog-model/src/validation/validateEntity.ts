import type { z } from 'zod';
import { ENTITY_KINDS, KIND_DEFINITIONS, kindIgnoringCase, knownKind } from '../kinds.js';
import { DEFAULT_NAMESPACE } from '../ref.js';
import type { ValidationProblem } from '../types.js';
import { describeIssue, describeValue, pathToString } from './describe.js';
import { envelopeSchema, ROOT_FIELDS } from './envelope.js';
import { mcpServerApiSpec, SPEC_SCHEMAS } from './kindSchemas.js';
import { findPlaceholders, isUnderPlaceholder } from './placeholders.js';
import { checkReferences } from './references.js';

export interface ValidateEntityContext {
  file?: string;
  /** Line the document starts on; used when no better line is known. */
  line?: number;
  /** Finds the line of a field (`['spec', 'owner']`), when the caller has the source positions. */
  locate?: (path: ReadonlyArray<string | number>) => number | undefined;
}

type Draft = Omit<ValidationProblem, 'file' | 'line' | 'entityRef'> & { pathParts: ReadonlyArray<PropertyKey> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function issuesToDrafts(issues: readonly z.core.$ZodIssue[], data: unknown, base: PropertyKey[], kind?: string): Draft[] {
  return issues.map(issue => {
    const pathParts = [...base, ...issue.path];
    return { pathParts, path: pathToString(pathParts), message: describeIssue(issue, data, base, kind), severity: 'error' };
  });
}

function rootFieldProblems(data: Record<string, unknown>): Draft[] {
  return Object.keys(data)
    .filter(key => !(ROOT_FIELDS as readonly string[]).includes(key))
    .map(key => ({
      pathParts: [key],
      path: key,
      severity: 'error' as const,
      message:
        key === 'relations' || key === 'status'
          ? `${key} is computed by the catalog and cannot be written in a file`
          : `${key} is not allowed at the top level of an entity; only apiVersion, kind, metadata and spec are`,
    }));
}

function kindProblems(data: Record<string, unknown>): Draft[] {
  const { kind, apiVersion, spec } = data as { kind: string; apiVersion: string; spec?: unknown };
  const known = knownKind(kind);
  if (!known) {
    const hint = kindIgnoringCase(kind);
    const message = hint
      ? `kind "${kind}" is not known; kinds are case-sensitive, did you mean "${hint}"?`
      : `kind "${kind}" is not known; known kinds are ${ENTITY_KINDS.join(', ')}`;
    return [{ pathParts: ['kind'], path: 'kind', severity: 'error', message }];
  }
  const { apiVersions } = KIND_DEFINITIONS[known];
  if (!apiVersions.includes(apiVersion)) {
    const message = `apiVersion "${apiVersion}" is not supported for ${known === 'API' ? 'an' : 'a'} ${known}; use ${apiVersions.join(' or ')}`;
    return [{ pathParts: ['apiVersion'], path: 'apiVersion', severity: 'error', message }];
  }
  if (spec === undefined) {
    return [{ pathParts: ['spec'], path: 'spec', severity: 'error', message: `spec is required for ${known === 'API' ? 'an' : 'a'} ${known}` }];
  }
  if (!isPlainObject(spec)) return []; // the envelope already reported it
  const result = SPEC_SCHEMAS[known].safeParse(spec);
  let issues = result.success ? [] : result.error.issues;
  // Backstage accepts an mcp-server API when either the general API schema or its own accepts it.
  if (issues.length > 0 && known === 'API' && spec.type === 'mcp-server') {
    const mcp = mcpServerApiSpec.safeParse(spec);
    issues = mcp.success ? [] : mcp.error.issues;
  }
  const drafts = issuesToDrafts(issues, data, ['spec'], known);
  for (const draft of drafts) {
    if (known === 'Group' && draft.path === 'spec.children' && spec.children === undefined) {
      draft.message += ' (write children: [] when the group has no child groups)';
    }
    if (known === 'User' && draft.path === 'spec.memberOf' && spec.memberOf === undefined) {
      draft.message += ' (write memberOf: [] when the user is in no group)';
    }
  }
  return drafts;
}

/**
 * Validates one parsed document as an entity: envelope and metadata rules, the kind's spec schema
 * and the entity references in its relation fields. An empty array means the entity is valid;
 * warnings never make it invalid.
 */
export function validateEntity(data: unknown, context: ValidateEntityContext = {}): ValidationProblem[] {
  let drafts: Draft[];
  let entityRef: string | undefined;
  if (!isPlainObject(data)) {
    drafts = [{ pathParts: [], path: '', severity: 'error', message: `an entity must be a mapping, not ${describeValue(data)}` }];
  } else {
    entityRef = refOf(data);
    const envelope = envelopeSchema.safeParse(data);
    drafts = [...rootFieldProblems(data), ...(envelope.success ? [] : issuesToDrafts(envelope.error.issues, data, []))];
    const kindAndVersionValid = !drafts.some(d => d.path === 'kind' || d.path === 'apiVersion');
    if (kindAndVersionValid && typeof data.kind === 'string' && typeof data.apiVersion === 'string') {
      drafts.push(...kindProblems(data));
      if (isPlainObject(data.spec)) {
        const namespace = isPlainObject(data.metadata) && typeof data.metadata.namespace === 'string' ? data.metadata.namespace : undefined;
        for (const problem of checkReferences(data.kind, namespace, data.spec)) {
          drafts.push({ ...problem, pathParts: problem.path.split('.').map(p => (/^\d+$/.test(p) ? Number(p) : p)) });
        }
      }
    }
    const placeholders = findPlaceholders(data);
    if (placeholders.length > 0) drafts = drafts.filter(d => !isUnderPlaceholder(d.path, placeholders));
  }
  return drafts.map(({ pathParts, ...draft }) => {
    const line = context.locate?.(pathParts.map(p => (typeof p === 'number' ? p : String(p)))) ?? context.line;
    return {
      ...(context.file !== undefined && { file: context.file }),
      ...(line !== undefined && { line }),
      ...(entityRef !== undefined && { entityRef }),
      ...draft,
    };
  });
}

/** The entity's ref as far as it can be told from a possibly invalid document. */
function refOf(data: Record<string, unknown>): string | undefined {
  const metadata = data.metadata;
  if (!isPlainObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '') return undefined;
  const kind = typeof data.kind === 'string' && data.kind !== '' ? data.kind : 'unknown';
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : DEFAULT_NAMESPACE;
  return `${kind}:${namespace}/${metadata.name}`.toLowerCase();
}
