import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Collapse from '@mui/material/Collapse';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import type { DocsEntityName } from '../common/index.js';
import { DocsContent } from './DocsContent.js';
import { DocsNav, DocsToc } from './DocsNav.js';
import { DocsNotes } from './DocsNotes.js';
import { docsSiteRoute } from './docsRoutes.js';
import { useDocsMetadata, useDocsPage, useDocsSearch } from './hooks.js';

// The navigation and the table of contents stay in view while a long page scrolls, below the app bar.
const besidePage = { position: { md: 'sticky' }, top: 88, alignSelf: 'start', maxHeight: { md: 'calc(100vh - 104px)' }, overflowY: 'auto' } as const;

/** The reader at /docs/:namespace/:kind/:name/*. */
export function DocsReaderPage() {
  const params = useParams();
  const entity = { namespace: params.namespace!, kind: params.kind!, name: params.name! };
  return <DocsReader entity={entity} pagePath={params['*'] ?? ''} base={docsSiteRoute(entity)} />;
}

export interface DocsReaderProps {
  entity: DocsEntityName;
  /** The page to show, '' for the site's home page. */
  pagePath: string;
  /** The route pages are shown under; links the server wrote for the standalone reader move here. */
  base: string;
  /** Inside another page (the entity page's Docs tab), which already has the page's title. */
  embedded?: boolean;
}

/** A docs site: navigation, the page, its table of contents and search. Colours follow the app's theme. */
export function DocsReader({ entity, pagePath, base, embedded = false }: DocsReaderProps) {
  const metadata = useDocsMetadata(entity);
  const page = useDocsPage(entity, pagePath);
  const theme = useTheme();
  const mode = theme.palette.mode;
  // On a phone the nav folds behind a button and the table of contents is left out.
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const [navOpen, setNavOpen] = useState(false);
  const [query, setQuery] = useState('');
  const search = useDocsSearch(entity, query);

  if (metadata.isPending) return <Progress label="Loading docs" />;
  if (metadata.isError) return <ErrorPanel error={metadata.error} title="Could not load these docs" />;
  const site = metadata.data;
  const current = page.data?.path ?? pagePath;
  const subtitle = `${entity.kind}:${entity.namespace}/${entity.name} · commit ${site.commit.slice(0, 12)}`;
  const searchField = <TextField size="small" type="search" label="Search these docs" value={query} onChange={e => setQuery(e.target.value)} />;
  const frame = (children: ReactNode) =>
    embedded ? (
      <Box component="section" aria-label={`Docs: ${site.siteName}`}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 2 }}>
          <Box>
            <Typography variant="h6" component="h2">
              {site.siteName}
            </Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {subtitle}
            </Typography>
          </Box>
          {searchField}
        </Stack>
        {children}
      </Box>
    ) : (
      <PageLayout
        title={site.siteName}
        tabTitle={page.data ? `${page.data.title} · ${site.siteName}` : site.siteName}
        subtitle={subtitle}
        actions={searchField}
      >
        {children}
      </PageLayout>
    );

  return frame(
    <>
      <DocsNotes site={site} />
      {site.newerVersionAvailable && (
        <Alert severity="info" sx={{ mb: 2 }}>
          A newer version of these docs is being rendered; reload in a moment to see it.
        </Alert>
      )}
      {query.trim().length >= 2 && (
        <Box role="region" aria-label="Search results" sx={{ mb: 2 }}>
          {search.isPending ? (
            <Progress />
          ) : search.isError ? (
            <ErrorPanel error={search.error} />
          ) : search.data.length === 0 ? (
            <Alert severity="info">No page mentions “{query}”.</Alert>
          ) : (
            <Stack spacing={1}>
              {search.data.map(result => (
                <Box key={result.path}>
                  <RouterLink to={`${base}/${result.path}`} onClick={() => setQuery('')}>
                    {result.title}
                  </RouterLink>
                  <Box sx={{ typography: 'body2', color: 'text.secondary' }}>{result.excerpt}</Box>
                </Box>
              ))}
            </Stack>
          )}
        </Box>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: '220px minmax(0, 1fr) 200px' }, gap: { xs: 1, md: 3 } }}>
        <Box component="nav" aria-label="Docs navigation" sx={besidePage}>
          {wide ? (
            <DocsNav nav={site.nav} base={base} current={current} />
          ) : (
            <>
              <Button size="small" aria-expanded={navOpen} onClick={() => setNavOpen(!navOpen)}>
                {navOpen ? 'Hide pages' : 'Pages'}
              </Button>
              <Collapse in={navOpen}>
                <DocsNav nav={site.nav} base={base} current={current} />
              </Collapse>
            </>
          )}
        </Box>
        <Box
          component="article"
          data-docs-theme={mode}
          sx={{ bgcolor: 'background.paper', color: 'text.primary', p: { xs: 1.5, sm: 3 }, borderRadius: 1, minWidth: 0 }}
        >
          {page.isPending ? (
            <Progress label="Loading page" />
          ) : page.isError ? (
            <ErrorPanel error={page.error} title="Could not load this page" />
          ) : (
            <>
              <DocsContent html={page.data.html} reroute={{ from: docsSiteRoute(entity), to: base }} />
              <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 4, pt: 2, borderTop: 1, borderColor: 'divider' }}>
                {page.data.prev ? (
                  <Button component={RouterLink} to={`${base}/${page.data.prev.path}`}>
                    ← {page.data.prev.title}
                  </Button>
                ) : (
                  <span />
                )}
                {page.data.next ? (
                  <Button component={RouterLink} to={`${base}/${page.data.next.path}`}>
                    {page.data.next.title} →
                  </Button>
                ) : (
                  <span />
                )}
              </Stack>
            </>
          )}
        </Box>
        <Box sx={besidePage}>
          {page.data && wide && <DocsToc toc={page.data.toc} />}
          {page.data?.editUrl && (
            <Button size="small" href={page.data.editUrl} target="_blank" rel="noreferrer" sx={{ mt: 2 }}>
              Edit this page
            </Button>
          )}
        </Box>
      </Box>
    </>,
  );
}
