import type { CompoundEntityRef, Entity } from './types.js';

export const DEFAULT_NAMESPACE = 'default';

export interface EntityRefContext {
  defaultKind?: string;
  defaultNamespace?: string;
}

const FORM = '[<kind>:][<namespace>/]<name>';

/**
 * Parses `[kind:][namespace/]name`. A colon after the first slash belongs to the name, so
 * `default/a:b` is the name `a:b` in namespace `default`, as in Backstage. Case is kept; compare
 * refs through {@link stringifyEntityRef}.
 */
export function parseEntityRef(ref: string, context: EntityRefContext = {}): CompoundEntityRef {
  if (typeof ref !== 'string') {
    throw new TypeError(`Entity reference must be a string, got ${ref === null ? 'null' : typeof ref}`);
  }
  if (ref === '') throw new TypeError('Entity reference must not be empty');
  const slash = ref.indexOf('/');
  let colon = ref.indexOf(':');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon, slash) + 1);
  if (kind === '' || namespace === '' || name === '') {
    throw new TypeError(`Entity reference "${ref}" is not of the form ${FORM}`);
  }
  const resolvedKind = kind ?? context.defaultKind;
  const resolvedNamespace = namespace ?? (context.defaultNamespace || DEFAULT_NAMESPACE);
  if (!resolvedKind) {
    throw new TypeError(`Entity reference "${ref}" has no kind; write it as <kind>:${ref}, e.g. component:${ref}`);
  }
  return { kind: resolvedKind, namespace: resolvedNamespace, name };
}

/** The canonical, lower-case form `kind:namespace/name`. */
export function stringifyEntityRef(ref: CompoundEntityRef | Entity): string {
  if ('metadata' in ref) {
    const namespace = ref.metadata.namespace || DEFAULT_NAMESPACE;
    return `${ref.kind}:${namespace}/${ref.metadata.name}`.toLowerCase();
  }
  return `${ref.kind}:${ref.namespace || DEFAULT_NAMESPACE}/${ref.name}`.toLowerCase();
}

export function getCompoundEntityRef(entity: Entity): CompoundEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace || DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}
