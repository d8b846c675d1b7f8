import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import type { LocationError } from '../../common/index.js';

/** What each kind of problem is, in words. */
export const PROBLEM_LABELS: Record<LocationError['type'], string> = {
  location: 'Location',
  read: 'Missing file',
  parse: 'Not valid YAML',
  validation: 'Not a valid entity',
  rule: 'Refused by catalog.rules',
  conflict: 'Conflict',
};

/** A problem's label: a document that is something else altogether says so. */
export function problemLabel(error: LocationError): string {
  if (error.type === 'validation' && error.message.startsWith('Not a catalog entity')) return 'Not an entity';
  return PROBLEM_LABELS[error.type];
}

/** The problems of a location or of one file, each with its file, line and entity. */
export function LocationErrorList({ errors, showFile = true, label }: { errors: LocationError[]; showFile?: boolean; label: string }) {
  return (
    <List dense aria-label={label} disablePadding>
      {errors.map((error, i) => {
        const where = [showFile && error.file, error.line !== null && `line ${error.line}`, error.entityRef].filter(Boolean).join(' · ');
        return (
          <ListItem key={`${error.file}:${error.line}:${i}`} disableGutters alignItems="flex-start" sx={{ gap: 1 }}>
            <Chip size="small" color={error.type === 'conflict' ? 'warning' : 'error'} variant="outlined" label={problemLabel(error)} sx={{ mt: 0.5 }} />
            <ListItemText
              primary={error.message}
              secondary={where || undefined}
              slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
