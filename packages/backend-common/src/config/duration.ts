import { z } from 'zod';

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
const HUMAN_KEYS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** Parses `500ms`, `30s`, `5m`, `1h`, `2d`, a plain number of milliseconds, or `{ minutes: 1 }`. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(value);
    if (match) return Number(match[1]) * UNITS[match[2]!]!;
    return undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return undefined;
    let total = 0;
    for (const [key, amount] of entries) {
      const unit = HUMAN_KEYS[key];
      if (!unit || typeof amount !== 'number' || amount < 0) return undefined;
      total += unit * amount;
    }
    return total;
  }
  return undefined;
}

/** A zod schema for a duration in config; the parsed value is in milliseconds. */
export const durationSchema = z.unknown().transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration' });
    return z.NEVER;
  }
  return ms;
});
