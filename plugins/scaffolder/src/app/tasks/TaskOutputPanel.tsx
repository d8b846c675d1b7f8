import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import { Link as RouterLink } from 'react-router-dom';
import { isSafeLinkUrl, parseEntityRef } from '@portal/catalog-model';
import type { ScaffolderTaskOutput } from '../../common/index.js';
import { CloneBox } from '../repositories/CloneBox.js';

/** A repository of the portal's own git host (same origin, under /git/): its page and clone URL. */
function hostedRepository(url: string): { page: string; cloneUrl: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, window.location.origin);
  } catch {
    return undefined;
  }
  const match = /^\/git\/([^/]+)\/([^/]+?)(?:\.git)?(?:\/.*)?$/.exec(parsed.pathname);
  if (parsed.origin !== window.location.origin || !match) return undefined;
  return { page: `/git/${match[1]}/${match[2]}`, cloneUrl: `${parsed.origin}/git/${match[1]}/${match[2]}.git` };
}

function entityPath(ref: string): string | undefined {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return `/catalog/${encodeURIComponent(namespace.toLowerCase())}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(name)}`;
  } catch {
    return undefined;
  }
}

/** What the template says to show when it is done: links (to a URL or to an entity) and texts. */
export function TaskOutputPanel({ output }: { output: ScaffolderTaskOutput }) {
  const links = (output.links ?? []).filter(link => link.url || link.entityRef);
  const texts = (output.text ?? []).filter(text => text.content);
  const hosted = links.map(link => (link.url ? hostedRepository(link.url) : undefined)).find(Boolean);
  if (!links.length && !texts.length) return null;
  return (
    <Stack spacing={2} component="section" aria-label="Output">
      {links.length > 0 && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {links.map((link, index) => {
            const internal = link.entityRef ? entityPath(link.entityRef) : undefined;
            if (internal) {
              return (
                <Button key={index} variant="contained" component={RouterLink} to={internal} startIcon={<CategoryOutlinedIcon />}>
                  {link.title ?? 'Open in catalog'}
                </Button>
              );
            }
            if (!link.url) return null;
            const repository = hostedRepository(link.url);
            if (repository) {
              return (
                <Button key={index} variant="outlined" component={RouterLink} to={repository.page}>
                  {link.title ?? 'Repository'}
                </Button>
              );
            }
            // Relative links are the portal's own pages; only http(s) and mailto leave it.
            if (link.url.startsWith('/')) {
              return (
                <Button key={index} variant="outlined" component={RouterLink} to={link.url}>
                  {link.title ?? link.url}
                </Button>
              );
            }
            if (!isSafeLinkUrl(link.url)) return null;
            return (
              <Button key={index} variant="outlined" href={link.url} target="_blank" rel="noreferrer" endIcon={<OpenInNewIcon />}>
                {link.title ?? link.url}
              </Button>
            );
          })}
        </Stack>
      )}
      {hosted && <CloneBox cloneUrl={hosted.cloneUrl} />}
      {texts.map((text, index) => (
        <Paper key={index} variant="outlined" sx={{ p: 2 }}>
          {text.title && (
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
              {text.title}
            </Typography>
          )}
          <Typography component="div" variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {text.content}
          </Typography>
        </Paper>
      ))}
    </Stack>
  );
}
