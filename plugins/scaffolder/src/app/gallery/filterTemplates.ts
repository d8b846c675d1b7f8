import type { Entity } from '@portal/catalog-model';

export interface TemplateFilters {
  search: string;
  type?: string;
  tags: string[];
}

const typeOf = (entity: Entity) => (typeof entity.spec?.type === 'string' ? entity.spec.type : undefined);

/** Templates whose text contains every search word, of the chosen type, with all chosen tags. */
export function filterTemplates(templates: Entity[], filters: TemplateFilters): Entity[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter(entity => {
    if (filters.type && typeOf(entity) !== filters.type) return false;
    const tags = entity.metadata.tags ?? [];
    if (!filters.tags.every(tag => tags.includes(tag))) return false;
    const text = [entity.metadata.name, entity.metadata.title, entity.metadata.description, typeOf(entity), ...tags].filter(Boolean).join(' ').toLowerCase();
    return words.every(word => text.includes(word));
  });
}

export function templateFacets(templates: Entity[]): { types: string[]; tags: string[] } {
  const types = new Set<string>();
  const tags = new Set<string>();
  for (const entity of templates) {
    const type = typeOf(entity);
    if (type) types.add(type);
    for (const tag of entity.metadata.tags ?? []) tags.add(tag);
  }
  return { types: [...types].sort(), tags: [...tags].sort() };
}
