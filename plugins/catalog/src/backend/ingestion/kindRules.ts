import picomatch from 'picomatch';
import type { CatalogRule } from '../config.js';
import type { DbLocationRow } from '../database/tables.js';

/** Whether a location may add entities of a kind: the global rules that apply to it, plus its own. */
export function kindRuleFor(rules: CatalogRule[], location: Pick<DbLocationRow, 'type' | 'target' | 'allow_kinds'>): (kind: string) => boolean {
  const allowed = new Set<string>((location.allow_kinds ?? []).map(k => k.toLowerCase()));
  for (const rule of rules) {
    const applies =
      !rule.locations ||
      rule.locations.some(
        l =>
          l.type === location.type &&
          (l.target === undefined || l.target === location.target) &&
          (l.pattern === undefined || picomatch.isMatch(location.target, l.pattern)),
      );
    if (applies) for (const kind of rule.allow) allowed.add(kind.toLowerCase());
  }
  return kind => allowed.has(kind.toLowerCase());
}
