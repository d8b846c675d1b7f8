import Box from '@mui/material/Box';
import { Link as RouterLink } from 'react-router-dom';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListSubheader from '@mui/material/ListSubheader';
import type { DocsNavNode, DocsTocEntry } from '../common/index.js';

export function DocsNav({ nav, base, current, depth = 0 }: { nav: DocsNavNode[]; base: string; current: string; depth?: number }) {
  return (
    <List dense disablePadding aria-label={depth === 0 ? 'Pages' : undefined}>
      {nav.map((node, i) =>
        node.children ? (
          <li key={i}>
            <ListSubheader disableSticky sx={{ pl: 2 + depth * 2, lineHeight: 2.5 }}>
              {/* A section with a page of its own (literate-nav's `[Section](folder/index.md)`) links to it. */}
              {node.path !== undefined ? (
                <RouterLink to={`${base}/${node.path}`} aria-current={node.path === current ? 'page' : undefined} style={{ color: 'inherit' }}>
                  {node.title}
                </RouterLink>
              ) : (
                node.title
              )}
            </ListSubheader>
            <DocsNav nav={node.children} base={base} current={current} depth={depth + 1} />
          </li>
        ) : node.url ? (
          <ListItemButton key={i} component="a" href={node.url} target="_blank" rel="noreferrer" sx={{ pl: 2 + depth * 2 }}>
            {node.title} ↗
          </ListItemButton>
        ) : (
          <ListItemButton
            key={i}
            component={RouterLink}
            to={`${base}/${node.path}`}
            selected={node.path === current}
            aria-current={node.path === current ? 'page' : undefined}
            sx={{ pl: 2 + depth * 2 }}
          >
            {node.title}
          </ListItemButton>
        ),
      )}
    </List>
  );
}

export function DocsToc({ toc }: { toc: DocsTocEntry[] }) {
  if (toc.length === 0) return null;
  const render = (entries: DocsTocEntry[]) => (
    <Box component="ul" sx={{ listStyle: 'none', pl: 1.5, m: 0 }}>
      {entries.map(entry => (
        <li key={entry.id}>
          {/* A plain fragment link: the browser scrolls to the heading and sets :target. */}
          <a href={`#${entry.id}`} style={{ color: 'inherit' }}>
            {entry.title}
          </a>
          {entry.children.length > 0 && render(entry.children)}
        </li>
      ))}
    </Box>
  );
  return (
    <Box component="nav" aria-label="On this page" sx={{ typography: 'body2', '& li': { py: 0.25 } }}>
      <Box sx={{ fontWeight: 600, mb: 1 }}>On this page</Box>
      {render(toc)}
    </Box>
  );
}
