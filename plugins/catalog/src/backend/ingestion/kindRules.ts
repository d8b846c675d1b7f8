import picomatch from 'picomatch';
import type { CatalogRule } from '../config.js';
import type { DbLocationRow } from '../database/tables.js';

export interface KindRules {
  /** Why an entity of this kind may not come from the location; undefined when it may. */
  refusal(kind: string): string | undefined;
  /**
   * The allowed kinds (and the version of processing) as one string, stored on the location after each refresh: when it differs
   * from the stored one, the rules changed and every file must be processed again, even unchanged
   * ones, so entities the rules no longer allow leave and newly allowed ones arrive.
   */
  fingerprint: string;
}

/**
 * Part of the fingerprint: raised when processing a file yields something different from the same
 * content (spec lists sorted, generated Location entities), so every location is processed again
 * once, unchanged files too.
 */
const PROCESSING_VERSION = 'p2';

/** Kinds that name people and teams, and so who owns what and who may do what. */
const IDENTITY_KINDS = new Set(['group', 'user']);

/** What a location may add: the global rules that apply to it, plus its own (`allow_kinds`). */
export function kindRulesFor(rules: CatalogRule[], location: Pick<DbLocationRow, 'type' | 'target' | 'allow_kinds'>): KindRules {
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
  const name = `${location.type}:${location.target}`;
  return {
    refusal: kind => {
      if (allowed.has(kind.toLowerCase())) return undefined;
      // Say how to fix it: the person reading this registered the location and cannot guess.
      const fix = IDENTITY_KINDS.has(kind.toLowerCase())
        ? 'Groups and Users come only from locations configured in catalog.locations with rules that allow them'
        : `${kind} must be allowed by catalog.rules or by the location's own rules in catalog.locations`;
      return `Kind ${kind} may not be added from ${name}: ${fix}`;
    },
    fingerprint: `${PROCESSING_VERSION}|${[...allowed].sort().join(',')}`,
  };
}
