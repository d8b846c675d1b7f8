/**
 * MkDocs' `not_in_nav` patterns, which follow .gitignore: `*` within a name, `**` across folders,
 * a leading `/` anchors at docs_dir, otherwise a pattern without a slash matches at any depth.
 */
export function matchesAny(file: string, patterns: readonly string[]): boolean {
  return patterns.some(pattern => toRegExp(pattern).test(file));
}

function toRegExp(pattern: string): RegExp {
  const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
  const body = pattern
    .replace(/^\//, '')
    .replace(/\/$/, '/**')
    .split(/(\*\*\/?|\*|\?)/)
    .map(part =>
      part === '**/' || part === '**'
        ? '(?:.*/)?' + (part === '**' ? '.*' : '')
        : part === '*'
          ? '[^/]*'
          : part === '?'
            ? '[^/]'
            : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`);
}
