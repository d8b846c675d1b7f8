/**
 * The kind of the entity an entity ref names: refs are `kind:namespace/name` lower-cased, and a
 * kind is letters and digits only, so the text before the first colon is the entity's kind as
 * its `kind` search row holds it. The kind indexes (migrations 0007, 0010 and 0011) are built on
 * this exact expression; queries must use it too, or they will not use those indexes.
 */
export function kindOfRefSql(column: string): string {
  return `split_part(${column}, ':', 1)`;
}
