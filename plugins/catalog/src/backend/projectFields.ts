import type { Entity } from '@portal/catalog-model';

/**
 * Keeps only the given dotted paths of an entity (`metadata.name`, `kind`), as Backstage's
 * `fields` parameter does. Paths are case-sensitive; missing ones are left out.
 */
export function projectFields(entity: Entity, fields: string[] | undefined): Entity {
  if (!fields || fields.length === 0) return entity;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let from: unknown = entity;
    for (const part of parts) {
      from = from !== null && typeof from === 'object' && !Array.isArray(from) ? (from as Record<string, unknown>)[part] : undefined;
    }
    if (from === undefined) continue;
    let into = out;
    for (const part of parts.slice(0, -1)) {
      const existing = into[part];
      into = (existing && typeof existing === 'object' ? existing : (into[part] = {})) as Record<string, unknown>;
    }
    into[parts[parts.length - 1]!] = from;
  }
  return out as unknown as Entity;
}
