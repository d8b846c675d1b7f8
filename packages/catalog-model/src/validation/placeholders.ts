// Backstage files may hold `$text`, `$json` and `$yaml` placeholders that the catalog replaces
// with a file's content before it validates the entity; a value there is not the final value.
const PLACEHOLDER_KEYS = new Set(['$text', '$json', '$yaml']);

export function isPlaceholder(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && PLACEHOLDER_KEYS.has(keys[0]!) && typeof (value as Record<string, unknown>)[keys[0]!] === 'string';
}

/** Paths (dotted) of every placeholder in the document. */
export function findPlaceholders(data: unknown, path: string[] = [], found: string[] = []): string[] {
  if (isPlaceholder(data)) {
    found.push(path.join('.'));
  } else if (data !== null && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) findPlaceholders(value, [...path, key], found);
  }
  return found;
}

export function isUnderPlaceholder(path: string, placeholders: readonly string[]): boolean {
  return placeholders.some(p => path === p || path.startsWith(`${p}.`));
}
