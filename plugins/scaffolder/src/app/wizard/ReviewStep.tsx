import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Stack from '@mui/material/Stack';
import type { ReviewRow } from './reviewRows.js';

/** Every answer, step by step, before anything runs. */
export function ReviewStep({ sections }: { sections: Array<{ title: string; rows: ReviewRow[] }> }) {
  return (
    <Stack spacing={2}>
      {sections.map(section => (
        <Paper key={section.title} variant="outlined">
          <Typography variant="subtitle1" component="h3" sx={{ px: 2, pt: 1.5, fontWeight: 600 }}>
            {section.title}
          </Typography>
          <Table size="small" aria-label={section.title}>
            <TableBody>
              {section.rows.length === 0 && (
                <TableRow>
                  <TableCell sx={{ color: 'text.secondary' }}>Nothing filled in on this page.</TableCell>
                </TableRow>
              )}
              {section.rows.map(row => (
                <TableRow key={row.name}>
                  <TableCell component="th" scope="row" sx={{ width: '35%', color: 'text.secondary' }}>
                    {row.title}
                  </TableCell>
                  <TableCell sx={{ wordBreak: 'break-word' }}>{row.value}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}
