import { createHash } from 'node:crypto';
import {
  DEFAULT_NAMESPACE,
  getEntityRelations,
  parseEntityYaml,
  stringifyEntityRef,
  validateEntity,
  type Entity,
  type ParsedDocument,
} from '@portal/catalog-model';
import { locationEntityName, locationEntityRef } from '../database/locationEntityRef.js';
import type { LocationType } from '../database/tables.js';
import { describeNonEntity } from './describeNonEntity.js';
import type { LocationSource } from './LocationSource.js';
import type { ProcessedFile, RelationTriple } from './types.js';

export interface ProcessFileOptions {
  source: LocationSource;
  path: string;
  text: string;
  hash: string;
  /** `type:target` of the location the user registered, for managed-by-origin-location. */
  originLocation: string;
  /** Why the location may not add an entity of this kind; undefined when it may. */
  kindRefusal(kind: string): string | undefined;
  limits: { maxFileBytes: number; maxDocumentsPerFile: number };
  /**
   * The location whose own file this is (its root): the Location entity generated for that
   * location comes with the file, as the parent of the file's entities.
   */
  rootOf?: { type: LocationType; target: string };
}

export function hashOf(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * Turns one catalog file into entities, Location targets and problems. Never throws: whatever is
 * wrong with the file becomes a problem on it, so its neighbours are processed as usual.
 */
export function processFile(options: ProcessFileOptions): ProcessedFile {
  const { path } = options;
  const result: ProcessedFile = { path, hash: options.hash, entities: [], problems: [], targets: [], keepRefs: [], keepAll: false };
  let parsed: ReturnType<typeof parseEntityYaml>;
  try {
    parsed = parseEntityYaml(options.text, {
      file: path,
      maxBytes: options.limits.maxFileBytes,
      maxDocuments: options.limits.maxDocumentsPerFile,
    });
  } catch (error) {
    parsed = { documents: [], problems: [{ path: '', message: (error as Error).message, severity: 'error' }] };
  }
  const parseErrors = parsed.problems.filter(p => p.severity === 'error');
  if (parseErrors.length > 0) {
    // A file that cannot be read as YAML tells us nothing about its entities: keep them all.
    result.keepAll = true;
    for (const p of parseErrors) result.problems.push({ file: path, line: p.line, type: 'parse', message: p.message });
    return result;
  }

  const seen = new Set<string>();
  for (const doc of parsed.documents) {
    try {
      processDocument(options, doc, seen, result);
    } catch (error) {
      result.problems.push({ file: path, line: doc.line, type: 'validation', message: (error as Error).message });
    }
  }
  addGeneratedLocations(options, seen, result);
  return result;
}

/**
 * Adds the Location entities Backstage generates: one for the location whose root this file is,
 * and one for each target inside the location that the file's Location entities declare. They
 * are the links of the ancestry chain from an entity up to the registered location.
 */
function addGeneratedLocations(options: ProcessFileOptions, seen: Set<string>, out: ProcessedFile): void {
  const fileLocation = options.source.annotations(options.path)['backstage.io/managed-by-location'] ?? '';
  const generated: Array<{ type: LocationType; target: string; managedBy: string }> = [];
  if (options.rootOf) generated.push({ ...options.rootOf, managedBy: `${options.rootOf.type}:${options.rootOf.target}` });
  for (const decl of out.targets) {
    if (decl.kind === 'external' || !decl.entityRef) continue;
    generated.push({ ...splitLocationRef(targetLocationOf(options, decl)), managedBy: fileLocation });
  }
  for (const { type, target, managedBy } of generated) {
    const ref = locationEntityRef(type, target);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: {
        name: locationEntityName(type, target),
        namespace: DEFAULT_NAMESPACE,
        annotations: { 'backstage.io/managed-by-location': managedBy, 'backstage.io/managed-by-origin-location': options.originLocation },
      },
      spec: { type, target },
    };
    out.entities.push({
      ref,
      kind: 'Location',
      namespace: DEFAULT_NAMESPACE,
      name: entity.metadata.name,
      entity,
      hash: hashOf(JSON.stringify(entity)),
      relations: [],
      line: 0,
    });
  }
}

/** `type:target` of a target inside the location, as the entities read through it name it. */
function targetLocationOf(options: ProcessFileOptions, decl: { kind: 'path'; path: string } | { kind: 'glob'; pattern: string }): string {
  return options.source.annotations(decl.kind === 'path' ? decl.path : decl.pattern)['backstage.io/managed-by-location'] ?? '';
}

function splitLocationRef(ref: string): { type: LocationType; target: string } {
  const colon = ref.indexOf(':');
  return { type: ref.slice(0, colon) as LocationType, target: ref.slice(colon + 1) };
}

function processDocument(options: ProcessFileOptions, doc: ParsedDocument, seen: Set<string>, out: ProcessedFile): void {
  const { path } = options;
  const { data, line } = doc;
  if (data === null || data === undefined) return; // an empty document, such as a trailing `---`
  // locate() gives each problem the line of its field; the file is parsed for lines only then.
  const problems = validateEntity(data, { file: path, line, locate: fieldPath => doc.locate(fieldPath) }).filter(p => p.severity === 'error');
  const ref = refOf(data);
  if (problems.length > 0) {
    if (ref) out.keepRefs.push(ref);
    // A document that is something else altogether (mkdocs.yml, a Kubernetes manifest) gets one
    // sentence saying so, rather than a list of entity fields it was never meant to have.
    const notAnEntity = describeNonEntity(data);
    if (notAnEntity) {
      out.problems.push({ file: path, line, entityRef: ref, type: 'validation', message: notAnEntity });
      return;
    }
    for (const p of problems) {
      const where = p.path ? `${p.path}: ` : '';
      out.problems.push({ file: path, line: p.line ?? line, entityRef: ref, type: 'validation', message: `${where}${p.message}` });
    }
    return;
  }
  const raw = data as Entity;
  const refusal = options.kindRefusal(raw.kind);
  if (refusal) {
    out.problems.push({ file: path, line, entityRef: ref, type: 'rule', message: refusal });
    return;
  }
  const entity = withLocation(raw, options);
  const entityRef = stringifyEntityRef(entity);
  if (seen.has(entityRef)) {
    out.problems.push({ file: path, line, entityRef, type: 'conflict', message: `${entityRef} is declared twice in ${path}` });
    return;
  }
  seen.add(entityRef);
  if (entity.kind === 'Location') collectTargets(options, entity, out);
  const relations: RelationTriple[] = dedupeRelations(getEntityRelations(entity));
  const json = JSON.stringify(entity);
  out.entities.push({
    ref: entityRef,
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    name: entity.metadata.name,
    entity,
    hash: hashOf(json),
    relations,
    line,
  });
}

function refOf(data: unknown): string | undefined {
  const d = data as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof d?.kind !== 'string' || typeof d.metadata?.name !== 'string') return undefined;
  const namespace = typeof d.metadata.namespace === 'string' ? d.metadata.namespace : DEFAULT_NAMESPACE;
  return `${d.kind}:${namespace}/${d.metadata.name}`.toLowerCase();
}

/** Fills in the namespace and location annotations; the entity's own annotations win, as in Backstage. */
function withLocation(raw: Entity, options: ProcessFileOptions): Entity {
  const annotations = {
    ...options.source.annotations(options.path),
    'backstage.io/managed-by-origin-location': options.originLocation,
    ...(raw.metadata.annotations ?? {}),
  };
  const { relations: _relations, status: _status, ...rest } = raw;
  return { ...rest, metadata: { ...raw.metadata, namespace: raw.metadata.namespace ?? DEFAULT_NAMESPACE, annotations }, ...sortedSpec(raw.spec) };
}

/** Spec lists of refs that Backstage answers sorted, whatever order the file gives them in. */
const SORTED_SPEC_LISTS = ['providesApis', 'consumesApis', 'dependsOn', 'dependencyOf', 'memberOf', 'children', 'members'];

/** The spec with its lists of refs sorted when every item is a string; nothing when it has none. */
function sortedSpec(spec: Entity['spec']): { spec?: Entity['spec'] } {
  if (!spec) return {};
  const lists = SORTED_SPEC_LISTS.filter(key => {
    const value = spec[key];
    return Array.isArray(value) && value.every(item => typeof item === 'string');
  });
  if (lists.length === 0) return {};
  const sorted = { ...spec };
  for (const key of lists) sorted[key] = [...(spec[key] as string[])].sort();
  return { spec: sorted };
}

function collectTargets(options: ProcessFileOptions, entity: Entity, out: ProcessedFile): void {
  const spec = entity.spec ?? {};
  const optional = spec.presence === 'optional';
  const type = typeof spec.type === 'string' ? spec.type : undefined;
  const values = [
    ...(typeof spec.target === 'string' ? [spec.target] : []),
    ...(Array.isArray(spec.targets) ? spec.targets.filter((t): t is string => typeof t === 'string') : []),
  ];
  for (const value of values) {
    try {
      const resolved = options.source.resolveTarget(options.path, value, type);
      if (resolved.kind === 'external') {
        out.targets.push(resolved);
        continue;
      }
      const { type: targetType, target } = splitLocationRef(targetLocationOf(options, resolved));
      out.targets.push({ ...resolved, optional, entityRef: locationEntityRef(targetType, target) });
    } catch (error) {
      out.problems.push({
        file: options.path,
        entityRef: stringifyEntityRef(entity),
        type: 'validation',
        message: `Target "${value}": ${(error as Error).message}`,
      });
    }
  }
}

function dedupeRelations(relations: RelationTriple[]): RelationTriple[] {
  const seen = new Set<string>();
  return relations.filter(r => {
    const key = `${r.sourceRef}\u0000${r.type}\u0000${r.targetRef}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
