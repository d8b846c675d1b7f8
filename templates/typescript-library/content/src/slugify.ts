export interface SlugifyOptions {
  /** Longest slug to return; cut at a word boundary when possible. Default 63, a DNS label's limit. */
  maxLength?: number;
  /** Character between words. Default `-`. */
  separator?: string;
}

/**
 * Turns any text into a URL- and DNS-safe slug: lower-case ASCII letters and digits joined by a
 * separator. Accents are removed rather than dropped, so "Crème brûlée" becomes "creme-brulee".
 */
export function slugify(text: string, options: SlugifyOptions = {}): string {
  const { maxLength = 63, separator = '-' } = options;
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}${separator}${word}` : word;
    if (next.length > maxLength) return slug || word.slice(0, maxLength);
    slug = next;
  }
  return slug;
}
