import { useMemo, useState } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { ErrorPanel } from '@portal/app-api';
import { parseOpenApi, type Operation, type Schema } from './parseOpenApi.js';
import { SchemaView } from './SchemaView.js';

const METHOD_COLORS: Record<string, 'success' | 'info' | 'warning' | 'error' | 'default'> = {
  get: 'info',
  post: 'success',
  put: 'warning',
  patch: 'warning',
  delete: 'error',
};

function OperationDetails({ op, root }: { op: Operation; root: Schema }) {
  return (
    <Stack spacing={2}>
      {op.description && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
          {op.description}
        </Typography>
      )}
      {op.parameters.length > 0 && (
        <Box>
          <Typography variant="subtitle2" component="h4">
            Parameters
          </Typography>
          <Table size="small" aria-label="Parameters">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>In</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Description</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {op.parameters.map(p => (
                <TableRow key={`${p.in}:${p.name}`}>
                  <TableCell>
                    <code>{p.name}</code>
                    {p.required && (
                      <Box component="span" sx={{ color: 'error.main' }} aria-label="required">
                        {' '}
                        *
                      </Box>
                    )}
                  </TableCell>
                  <TableCell>{p.in}</TableCell>
                  <TableCell>{p.schema ? <SchemaView root={root} schema={p.schema} /> : 'any'}</TableCell>
                  <TableCell>{p.description}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {op.requestBody && (
        <Box>
          <Typography variant="subtitle2" component="h4">
            Request body{op.requestBody.required ? ' (required)' : ''}
          </Typography>
          {op.requestBody.description && <Typography variant="body2">{op.requestBody.description}</Typography>}
          {op.requestBody.content.map(c => (
            <Box key={c.mediaType} sx={{ mt: 1 }}>
              <Chip size="small" label={c.mediaType} variant="outlined" sx={{ mb: 0.5 }} />
              {c.schema && <SchemaView root={root} schema={c.schema} />}
            </Box>
          ))}
        </Box>
      )}
      <Box>
        <Typography variant="subtitle2" component="h4">
          Responses
        </Typography>
        {op.responses.map(r => (
          <Box key={r.status} sx={{ mt: 1 }}>
            <Typography variant="body2">
              <Box
                component="code"
                sx={{
                  fontWeight: 600,
                  color: r.status.startsWith('2') ? 'success.main' : r.status.startsWith('4') || r.status.startsWith('5') ? 'error.main' : 'text.primary',
                }}
              >
                {r.status}
              </Box>{' '}
              {r.description}
            </Typography>
            {r.content.map(c => (
              <Box key={c.mediaType} sx={{ pl: 2 }}>
                <Chip size="small" label={c.mediaType} variant="outlined" sx={{ my: 0.5 }} />
                {c.schema && <SchemaView root={root} schema={c.schema} />}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Stack>
  );
}

/** An OpenAPI document as a reference: operations by tag, each opening to its parameters, body and responses. */
export function OpenApiReference({ definition }: { definition: string }) {
  const [search, setSearch] = useState('');
  const parsed = useMemo(() => {
    try {
      return { doc: parseOpenApi(definition) };
    } catch (error) {
      return { error };
    }
  }, [definition]);
  if (!parsed.doc) return <ErrorPanel error={parsed.error} title="The OpenAPI definition cannot be read" />;
  const doc = parsed.doc;
  const term = search.trim().toLowerCase();
  const shown = doc.operations.filter(op => !term || `${op.method} ${op.path} ${op.summary ?? ''} ${op.tags.join(' ')}`.toLowerCase().includes(term));
  const tags = [...new Set(shown.flatMap(op => op.tags))];
  return (
    <Stack spacing={2} aria-label="OpenAPI reference" component="section">
      <Box>
        <Typography variant="h5" component="h2">
          {doc.title} {doc.version && <Chip size="small" label={doc.version} sx={{ ml: 1 }} />}
        </Typography>
        {doc.description && (
          <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
            {doc.description}
          </Typography>
        )}
        {doc.servers.length > 0 && (
          <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
            Servers:{' '}
            {doc.servers.map(s => (
              <code key={s} style={{ marginRight: 8 }}>
                {s}
              </code>
            ))}
          </Typography>
        )}
      </Box>
      <TextField size="small" label="Filter operations" value={search} onChange={e => setSearch(e.target.value)} sx={{ maxWidth: 360 }} />
      {shown.length === 0 && <Typography variant="body2">No operation matches.</Typography>}
      {tags.map(tag => (
        <Box key={tag} component="section" aria-label={tag}>
          <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
            {tag}
          </Typography>
          {shown
            .filter(op => op.tags.includes(tag))
            .map(op => (
              <Accordion key={op.id} disableGutters variant="outlined" slotProps={{ transition: { unmountOnExit: true } }}>
                <AccordionSummary expandIcon={<ExpandMoreIcon />}>
                  <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', minWidth: 0 }}>
                    <Chip size="small" label={op.method.toUpperCase()} color={METHOD_COLORS[op.method] ?? 'default'} sx={{ minWidth: 64, fontWeight: 600 }} />
                    <Box component="code" sx={{ fontWeight: 600, textDecoration: op.deprecated ? 'line-through' : 'none' }}>
                      {op.path}
                    </Box>
                    <Typography variant="body2" noWrap sx={{ color: 'text.secondary' }}>
                      {op.summary}
                    </Typography>
                  </Stack>
                </AccordionSummary>
                <AccordionDetails>
                  <OperationDetails op={op} root={doc.root} />
                </AccordionDetails>
              </Accordion>
            ))}
        </Box>
      ))}
    </Stack>
  );
}
