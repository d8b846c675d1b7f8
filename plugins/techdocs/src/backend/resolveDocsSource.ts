import path from 'node:path';
import { InputError, NotFoundError } from '@portal/backend-common';
import { stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { fileDocsSource, gitDocsSource, type DocsGitReader, type DocsSource } from './DocsSource.js';

export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/**
 * Finds where an entity's docs live from its annotations: `dir:<path>` is relative to the entity's
 * source location (or, lacking one, the folder of its catalog file); `url:<tree URL>` names a
 * repository folder directly.
 */
export function resolveDocsSource(entity: Entity, gitReader: DocsGitReader): DocsSource {
  const annotations = entity.metadata.annotations ?? {};
  const ref = annotations[TECHDOCS_REF_ANNOTATION];
  const entityRef = stringifyEntityRef(entity);
  if (!ref) throw new NotFoundError(`${entityRef} has no docs: it lacks the ${TECHDOCS_REF_ANNOTATION} annotation`);
  const [type, target] = splitTyped(ref, TECHDOCS_REF_ANNOTATION);

  if (type === 'url') {
    const location = gitReader.parseUrl(target);
    return gitDocsSource(gitReader, location, trimSlashes(location.path));
  }
  if (type !== 'dir') throw new InputError(`${entityRef}: ${TECHDOCS_REF_ANNOTATION} must start with dir: or url:`);

  const base = annotations[SOURCE_LOCATION]
    ? { ...toBase(annotations[SOURCE_LOCATION], SOURCE_LOCATION), isFolder: true }
    : annotations[MANAGED_BY_LOCATION]
      ? { ...toBase(annotations[MANAGED_BY_LOCATION], MANAGED_BY_LOCATION), isFolder: false }
      : undefined;
  if (!base) throw new InputError(`${entityRef}: dir: docs need a ${SOURCE_LOCATION} or ${MANAGED_BY_LOCATION} annotation`);

  if (base.type === 'file') {
    const folder = base.isFolder ? base.target : path.dirname(base.target);
    return fileDocsSource(path.resolve(folder, target));
  }
  const location = gitReader.parseUrl(base.target);
  const folder = location.kind === 'blob' || !base.isFolder ? path.posix.dirname(location.path) : location.path;
  const root = path.posix.normalize(path.posix.join(trimSlashes(folder === '.' ? '' : folder), target));
  if (root === '..' || root.startsWith('../')) throw new InputError(`${entityRef}: ${TECHDOCS_REF_ANNOTATION} points outside the repository`);
  return gitDocsSource(gitReader, location, root === '.' ? '' : trimSlashes(root));
}

function toBase(value: string, annotation: string): { type: 'url' | 'file'; target: string } {
  const [type, target] = splitTyped(value, annotation);
  if (type !== 'url' && type !== 'file') throw new InputError(`${annotation} must start with url: or file:`);
  return { type, target };
}

function splitTyped(value: string, annotation: string): [string, string] {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new InputError(`${annotation} must look like <type>:<target>, got "${value}"`);
  return [value.slice(0, colon).trim(), value.slice(colon + 1).trim()];
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}
