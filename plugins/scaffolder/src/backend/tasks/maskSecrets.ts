const MASK = '***';
/** Shorter values would mask ordinary words and numbers; no real secret is that short. */
const MIN_SECRET_LENGTH = 3;

/** Replaces every secret value in text (and in strings inside JSON values) with `***`. */
export function createSecretMasker(secrets: Record<string, unknown>): {
  text(value: string): string;
  value<T>(value: T): T;
} {
  const values = Object.values(secrets)
    .filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  const text = (value: string): string => {
    let out = value;
    for (const secret of values) out = out.split(secret).join(MASK);
    return out;
  };
  const value = <T>(input: T): T => {
    if (values.length === 0) return input;
    if (typeof input === 'string') return text(input) as T;
    if (Array.isArray(input)) return input.map(item => value(item)) as T;
    if (input !== null && typeof input === 'object') {
      return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, value(v)])) as T;
    }
    return input;
  };
  return { text, value };
}
