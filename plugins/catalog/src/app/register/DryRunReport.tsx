import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Entity } from '@portal/catalog-model';
import type { AddLocationResponse, LocationFileReport } from '../../common/index.js';
import { LocationErrorList } from '../locations/LocationErrorList.js';

/** The entities a dry run found that registering adds, the catalog's own generated Locations left out. */
export function entitiesToAdd(preview: AddLocationResponse): Entity[] {
  return preview.entities.filter(e => !(e.kind.toLowerCase() === 'location' && e.metadata.name.startsWith('generated-')));
}

const refOf = (e: Entity) => `${e.kind}: ${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;

function FileReport({ file }: { file: LocationFileReport }) {
  const status =
    file.errors.length === 0
      ? `${file.entityRefs.length} ${file.entityRefs.length === 1 ? 'entity' : 'entities'}`
      : `${file.errors.length} ${file.errors.length === 1 ? 'problem' : 'problems'}`;
  return (
    <Box component="li" sx={{ py: 1, borderTop: 1, borderColor: 'divider' }} aria-label={`File ${file.path}`}>
      <Typography variant="subtitle2" component="h3">
        {file.url ? (
          <Link href={file.url} target="_blank" rel="noreferrer">
            <code>{file.path}</code>
          </Link>
        ) : (
          <code>{file.path || 'The location'}</code>
        )}{' '}
        <Typography component="span" variant="body2" sx={{ color: file.errors.length ? 'error.main' : 'text.secondary' }}>
          — {status}
        </Typography>
      </Typography>
      {file.errors.length === 0 && file.entityRefs.length === 0 && (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          The file holds no YAML document.
        </Typography>
      )}
      {file.errors.length > 0 && <LocationErrorList errors={file.errors} showFile={false} label={`Problems in ${file.path}`} />}
    </Box>
  );
}

/** What registering would add and everything wrong with the files, before anything is stored. */
export function DryRunReport({ preview }: { preview: AddLocationResponse }) {
  const entities = entitiesToAdd(preview);
  const files = preview.files ?? [];
  const problems = files.reduce((n, f) => n + f.errors.length, 0);
  return (
    <Stack spacing={2} aria-label="Dry run">
      {preview.exists && <Alert severity="info">This location is registered already; registering it again refreshes it.</Alert>}
      {entities.length === 0 ? (
        <Alert severity="error" variant="outlined" role="alert">
          <AlertTitle>Nothing to register</AlertTitle>
          {problems > 0
            ? 'No entity in this location can be added; the problems below say why.'
            : 'The file holds no entity. A catalog-info.yaml describes entities with apiVersion, kind, metadata.name and spec.'}
        </Alert>
      ) : (
        <>
          <Typography variant="h6" component="h2">
            The following {entities.length === 1 ? 'entity' : `${entities.length} entities`} will be added
          </Typography>
          <List dense aria-label="Entities to add">
            {entities.map(e => (
              <ListItem key={refOf(e)} divider>
                <ListItemText primary={refOf(e)} secondary={e.metadata.description} />
              </ListItem>
            ))}
          </List>
          {problems > 0 && (
            <Alert severity="warning" variant="outlined">
              {problems === 1 ? 'One problem' : `${problems} problems`} below will stay on the location, shown on the Locations page, until the files are fixed;
              the entities above are added regardless.
            </Alert>
          )}
        </>
      )}
      {files.length > 0 && (
        <Box>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            Files read
          </Typography>
          <Box component="ul" aria-label="Files read" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {files.map(file => (
              <FileReport key={file.path} file={file} />
            ))}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
