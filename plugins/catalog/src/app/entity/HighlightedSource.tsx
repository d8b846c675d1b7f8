import { useMemo } from 'react';
import hljs from 'highlight.js/lib/core';
import graphql from 'highlight.js/lib/languages/graphql';
import json from 'highlight.js/lib/languages/json';
import protobuf from 'highlight.js/lib/languages/protobuf';
import yaml from 'highlight.js/lib/languages/yaml';
import Box from '@mui/material/Box';

hljs.registerLanguage('graphql', graphql);
hljs.registerLanguage('json', json);
hljs.registerLanguage('protobuf', protobuf);
hljs.registerLanguage('yaml', yaml);

export type SourceLanguage = 'graphql' | 'json' | 'protobuf' | 'yaml';

/**
 * Source code with highlight.js classes, coloured from the theme so it follows light and dark.
 * highlight.js escapes the text it wraps, so its HTML can be set as is.
 */
export function HighlightedSource({ code, language, label }: { code: string; language: SourceLanguage; label: string }) {
  const html = useMemo(() => hljs.highlight(code, { language, ignoreIllegals: true }).value, [code, language]);
  return (
    <Box
      component="pre"
      aria-label={label}
      tabIndex={0}
      sx={theme => ({
        m: 0,
        p: 2,
        overflow: 'auto',
        maxHeight: '75vh',
        fontSize: 13,
        lineHeight: 1.5,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        bgcolor: 'action.hover',
        borderRadius: 1,
        '& .hljs-keyword, & .hljs-selector-tag, & .hljs-type': { color: theme.palette.secondary.main, fontWeight: 500 },
        '& .hljs-attr, & .hljs-attribute, & .hljs-property': { color: theme.palette.primary.main },
        '& .hljs-string, & .hljs-symbol': { color: theme.palette.success.main },
        '& .hljs-number, & .hljs-literal': { color: theme.palette.warning.main },
        '& .hljs-comment': { color: theme.palette.text.secondary, fontStyle: 'italic' },
        '& .hljs-title, & .hljs-section': { color: theme.palette.info.main, fontWeight: 500 },
        '& .hljs-bullet, & .hljs-meta': { color: theme.palette.text.secondary },
      })}
    >
      <code dangerouslySetInnerHTML={{ __html: html }} />
    </Box>
  );
}
