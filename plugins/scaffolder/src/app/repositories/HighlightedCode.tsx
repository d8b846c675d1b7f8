import { useMemo } from 'react';
import hljs from 'highlight.js/lib/common';
import Box from '@mui/material/Box';

const byExtension: Record<string, string> = {
  yml: 'yaml',
  yaml: 'yaml',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  md: 'markdown',
  sh: 'bash',
  dockerfile: 'dockerfile',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  kt: 'kotlin',
  cs: 'csharp',
  h: 'c',
  hpp: 'cpp',
  proto: 'protobuf',
};

/** The highlight.js language for a file name, when it knows one. */
export function languageOf(path: string): string | undefined {
  const file = path.split('/').pop()!.toLowerCase();
  const extension = file === 'dockerfile' ? 'dockerfile' : file.includes('.') ? file.split('.').pop()! : '';
  const name = byExtension[extension] ?? extension;
  return name && hljs.getLanguage(name) ? name : undefined;
}

/**
 * A file's text with line numbers and highlight.js colours from the theme. highlight.js escapes
 * what it wraps, so its HTML is safe to set; text it has no language for is set as text.
 */
export function HighlightedCode({ code, path }: { code: string; path: string }) {
  const language = languageOf(path);
  const html = useMemo(() => (language ? hljs.highlight(code, { language, ignoreIllegals: true }).value : undefined), [code, language]);
  const lines = code.split('\n').length - (code.endsWith('\n') ? 1 : 0);
  return (
    <Box
      sx={theme => ({
        display: 'flex',
        overflow: 'auto',
        maxHeight: '75vh',
        fontSize: 13,
        lineHeight: 1.5,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        bgcolor: 'action.hover',
        borderRadius: 1,
        '& pre': { m: 0, py: 2 },
        '& .hljs-keyword, & .hljs-selector-tag, & .hljs-type': { color: theme.palette.secondary.main, fontWeight: 500 },
        '& .hljs-attr, & .hljs-attribute, & .hljs-property': { color: theme.palette.primary.main },
        '& .hljs-string, & .hljs-symbol': { color: theme.palette.success.main },
        '& .hljs-number, & .hljs-literal': { color: theme.palette.warning.main },
        '& .hljs-comment': { color: theme.palette.text.secondary, fontStyle: 'italic' },
        '& .hljs-title, & .hljs-section': { color: theme.palette.info.main, fontWeight: 500 },
        '& .hljs-bullet, & .hljs-meta': { color: theme.palette.text.secondary },
      })}
    >
      <Box component="pre" aria-hidden sx={{ px: 1.5, textAlign: 'right', color: 'text.disabled', userSelect: 'none', borderRight: 1, borderColor: 'divider' }}>
        {Array.from({ length: Math.max(lines, 1) }, (_, i) => i + 1).join('\n')}
      </Box>
      <Box component="pre" aria-label={`Contents of ${path}`} tabIndex={0} sx={{ px: 2, flex: 1 }}>
        {html !== undefined ? <code dangerouslySetInnerHTML={{ __html: html }} /> : <code>{code}</code>}
      </Box>
    </Box>
  );
}
