import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_NAMESPACE,
  fileTooLargeProblem,
  getRelationFields,
  parseEntityRef,
  parseEntityYaml,
  stringifyEntityRef,
  validateEntity,
  type ParsedDocument,
  type ValidationProblem,
} from '@portal/catalog-model';
import { lintTemplateSkeletons, type TemplateDocument } from './lintTemplateSkeletons.js';

export interface ValidateFilesOptions {
  cwd: string;
  /** Also fail on references to entities that none of the files define. */
  strict?: boolean;
  maxBytes?: number;
  maxDocuments?: number;
  /**
   * Files that were not named but found in a folder: those in which no document has an
   * apiVersion or kind are not catalog files, and are skipped rather than reported.
   */
  foundInFolders?: ReadonlySet<string>;
}

export interface ValidateFilesResult {
  problems: ValidationProblem[];
  /** Files that were read and judged as catalog files. */
  validated: string[];
}

function looksLikeCatalogFile(documents: ParsedDocument[]): boolean {
  return documents.some(d => {
    const data = d.data as Record<string, unknown>;
    return 'apiVersion' in data || 'kind' in data;
  });
}

interface FoundEntity {
  file: string;
  ref: string;
  doc: ParsedDocument;
  data: { kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, unknown> };
}

function isEntityShaped(data: unknown): data is FoundEntity['data'] {
  const d = data as FoundEntity['data'];
  return typeof d.kind === 'string' && d.kind !== '' && typeof d.metadata?.name === 'string' && d.metadata.name !== '';
}

/** Reads, parses and validates catalog files; never throws for a bad file. */
export async function validateFiles(files: string[], options: ValidateFilesOptions): Promise<ValidateFilesResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const problems: ValidationProblem[] = [];
  const entities: FoundEntity[] = [];
  const validated: string[] = [];
  const templates: TemplateDocument[] = [];
  for (const file of files) {
    const absolute = path.resolve(options.cwd, file);
    let text: string;
    try {
      // Checked before reading, so an oversized file costs nothing.
      const { size } = await fs.stat(absolute);
      if (size > maxBytes) {
        problems.push(fileTooLargeProblem(file, size, maxBytes));
        continue;
      }
      text = await fs.readFile(absolute, 'utf8');
    } catch (error) {
      problems.push({ file, path: '', severity: 'error', message: `the file could not be read: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseEntityYaml(text, { file, maxBytes, maxDocuments: options.maxDocuments });
    const optional = options.foundInFolders?.has(file) ?? false;
    if (optional && parsed.problems.length === 0 && !looksLikeCatalogFile(parsed.documents)) continue;
    validated.push(file);
    problems.push(...parsed.problems);
    for (const doc of parsed.documents) {
      problems.push(...validateEntity(doc.data, { file, line: doc.line, locate: doc.locate }));
      if (isEntityShaped(doc.data)) {
        const { kind, metadata } = doc.data;
        const ref = stringifyEntityRef({ kind, namespace: metadata.namespace ?? DEFAULT_NAMESPACE, name: metadata.name });
        entities.push({ file, doc, data: doc.data, ref });
        if (kind.toLowerCase() === 'template' && doc.data.spec) templates.push({ file, entityRef: ref, spec: doc.data.spec });
      }
    }
  }
  problems.push(...duplicateProblems(entities));
  problems.push(...(await lintTemplateSkeletons(templates, options.cwd)));
  if (options.strict) problems.push(...danglingReferenceProblems(entities));
  return { problems, validated };
}

function duplicateProblems(entities: FoundEntity[]): ValidationProblem[] {
  const first = new Map<string, FoundEntity>();
  const problems: ValidationProblem[] = [];
  for (const entity of entities) {
    const earlier = first.get(entity.ref);
    if (!earlier) {
      first.set(entity.ref, entity);
      continue;
    }
    problems.push({
      file: entity.file,
      line: entity.doc.line,
      entityRef: entity.ref,
      path: 'metadata.name',
      severity: 'error',
      message: `${entity.ref} is already defined at ${earlier.file}:${earlier.doc.line}; each entity must be defined once`,
    });
  }
  return problems;
}

function danglingReferenceProblems(entities: FoundEntity[]): ValidationProblem[] {
  const known = new Set(entities.map(e => e.ref));
  const problems: ValidationProblem[] = [];
  for (const entity of entities) {
    const spec = entity.data.spec;
    if (!spec || typeof spec !== 'object') continue;
    for (const field of getRelationFields(entity.data.kind)) {
      const value = spec[field.field];
      const entries: Array<[Array<string | number>, unknown]> = Array.isArray(value)
        ? value.map((v, i) => [['spec', field.field, i], v])
        : [[['spec', field.field], value]];
      for (const [pathParts, raw] of entries) {
        if (typeof raw !== 'string' || raw === '') continue;
        let target: string;
        try {
          target = stringifyEntityRef(parseEntityRef(raw, { defaultKind: field.defaultKind, defaultNamespace: entity.data.metadata.namespace }));
        } catch {
          continue; // already reported by validation
        }
        if (known.has(target)) continue;
        const fieldPath = pathParts.join('.');
        problems.push({
          file: entity.file,
          line: entity.doc.locate(pathParts) ?? entity.doc.line,
          entityRef: entity.ref,
          path: fieldPath,
          severity: 'error',
          message: `${fieldPath} refers to ${target}, which none of the given files defines`,
        });
      }
    }
  }
  return problems;
}
