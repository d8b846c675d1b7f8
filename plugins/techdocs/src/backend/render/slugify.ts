/** How heading ids are made, after the `toc` options of mkdocs.yml. */
export type SlugStyle = 'default' | 'unicode' | 'unicode-cased' | 'gfm';

export interface SlugOptions {
  style: SlugStyle;
  /** `toc.separator`, `-` unless set. */
  separator: string;
}

const TAGS = /<\/?[^>]*>/g;

/**
 * Python-Markdown's toc slugify: NFKD-normalise and drop what is not ASCII, drop characters that
 * are neither word characters, spaces nor dashes, trim, lower-case, and join runs of spaces and
 * separators with the separator. Underscores are word characters and stay (`site_name`).
 */
function defaultSlug(text: string, separator: string): string {
  const ascii = text.normalize('NFKD').replace(/[^\p{ASCII}]/gu, '');
  const kept = ascii
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase();
  return kept.replace(new RegExp(`[${escapeClass(separator)}\\s]+`, 'g'), separator);
}

/** pymdownx.slugs' unicode slugs: letters of any script are kept, spaces become the separator. */
function unicodeSlug(text: string, separator: string, lower: boolean): string {
  let slug = text.trim().normalize('NFC');
  if (lower) slug = slug.toLowerCase();
  return slug.replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, separator);
}

export function slugify(heading: string, options: SlugOptions): string {
  const text = decodeEntities(heading.replace(TAGS, ''));
  switch (options.style) {
    case 'unicode':
      return unicodeSlug(text, options.separator, true);
    case 'unicode-cased':
      return unicodeSlug(text, options.separator, false);
    case 'gfm':
      // GitHub's: lower case, punctuation dropped, each space a dash (runs are not joined).
      return text
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_\- ]/gu, '')
        .replace(/ /g, '-');
    default:
      return defaultSlug(text, options.separator);
  }
}

/** Python-Markdown's `unique`: `id`, then `id_1`, `id_2`…; an empty id becomes `_1`. */
export function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  while (used.has(candidate) || candidate === '') {
    const numbered = /^(.*)_([0-9]+)$/.exec(candidate);
    candidate = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${candidate}_1`;
  }
  used.add(candidate);
  return candidate;
}

function escapeClass(value: string): string {
  return value.replace(/[\\\]^-]/g, '\\$&');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
