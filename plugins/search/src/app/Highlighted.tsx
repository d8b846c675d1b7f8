import { Fragment } from 'react';
import Box from '@mui/material/Box';
import type { SearchHighlight } from '../common/index.js';

/**
 * Text with the matched words marked. The highlight is split on its tags and every part is
 * rendered as text, so nothing in a document is ever read as HTML.
 */
export function Highlighted({ text, highlight }: { text: string; highlight?: { value?: string; tags: Pick<SearchHighlight, 'preTag' | 'postTag'> } }) {
  const value = highlight?.value;
  if (!value) return <>{text}</>;
  const { preTag, postTag } = highlight.tags;
  const parts = value.split(preTag);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <Fragment key={i}>{part}</Fragment>;
        const end = part.indexOf(postTag);
        const marked = end < 0 ? part : part.slice(0, end);
        const rest = end < 0 ? '' : part.slice(end + postTag.length);
        return (
          <Fragment key={i}>
            <Box component="mark" sx={{ bgcolor: 'warning.light', color: 'inherit', borderRadius: 0.5, px: 0.25 }}>
              {marked}
            </Box>
            {rest}
          </Fragment>
        );
      })}
    </>
  );
}
