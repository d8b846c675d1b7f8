import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import LinkIcon from '@mui/icons-material/Link';
import { isSafeLinkUrl, type Entity } from '@portal/catalog-model';
import { InfoCard } from './InfoCard.js';

/** The entity's `metadata.links`; only http(s) and mailto links become clickable. */
export function LinksCard({ entity }: { entity: Entity }) {
  const links = entity.metadata.links ?? [];
  return (
    <InfoCard title="Links">
      {links.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          No links. Add them under <code>metadata.links</code>.
        </Typography>
      ) : (
        <List dense disablePadding>
          {links.map(link => (
            <ListItem key={link.url} disableGutters>
              <ListItemIcon sx={{ minWidth: 32 }}>
                <LinkIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText
                primary={
                  isSafeLinkUrl(link.url) ? (
                    <Link href={link.url} target="_blank" rel="noreferrer">
                      {link.title ?? link.url}
                    </Link>
                  ) : (
                    (link.title ?? link.url)
                  )
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
