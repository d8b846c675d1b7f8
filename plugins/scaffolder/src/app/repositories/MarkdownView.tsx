import { useMemo } from 'react';
import MarkdownIt from 'markdown-it';
import Box from '@mui/material/Box';
import { rawUrl, repoPath, type RepoRef } from './repositoryApi.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A repository-relative path for a relative link from `fromPath`; undefined when it leaves the repository. */
function resolvePath(fromPath: string, target: string): string | undefined {
  const parts = fromPath.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

/**
 * Markdown from a repository, rendered as the code hosts do. Raw HTML in the file is shown as
 * text (`html: false`) and markdown-it refuses script URLs, so the result is safe to set. Relative
 * links open the file's page and relative images load from the repository at the same commit.
 */
export function MarkdownView({ repo, gitRef, path, text }: { repo: RepoRef; gitRef: string; path: string; text: string }) {
  const html = useMemo(() => {
    const md = new MarkdownIt({ html: false, linkify: true });
    const rewrite = (value: string, image: boolean) => {
      if (!value || value.startsWith('#') || value.startsWith('/') || SCHEME.test(value)) return value;
      const [target, hash] = value.split('#', 2) as [string, string | undefined];
      const resolved = resolvePath(path, decodeURIComponent(target));
      if (resolved === undefined) return value;
      return image ? rawUrl(repo, gitRef, resolved) : `${repoPath(repo, 'blob', gitRef, resolved)}${hash ? `#${hash}` : ''}`;
    };
    md.core.ruler.push('repository_links', state => {
      for (const block of state.tokens) {
        for (const token of block.children ?? []) {
          if (token.type === 'image') token.attrSet('src', rewrite(token.attrGet('src') ?? '', true));
          if (token.type === 'link_open') token.attrSet('href', rewrite(token.attrGet('href') ?? '', false));
        }
      }
    });
    return md.render(text);
  }, [repo, gitRef, path, text]);
  return (
    <Box
      component="article"
      aria-label={`Rendered ${path}`}
      sx={{
        px: 3,
        py: 1,
        '& img': { maxWidth: '100%' },
        '& pre': { p: 2, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1 },
        '& code': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.9em' },
        '& table': { borderCollapse: 'collapse' },
        '& th, & td': { border: 1, borderColor: 'divider', px: 1, py: 0.5 },
        '& a': { color: 'primary.main' },
      }}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
