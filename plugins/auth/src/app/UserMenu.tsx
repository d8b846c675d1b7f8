import { useState, type MouseEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import Avatar from '@mui/material/Avatar';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import KeyOutlinedIcon from '@mui/icons-material/KeyOutlined';
import LogoutIcon from '@mui/icons-material/Logout';
import { signOut } from './api.js';
import { groupsOf, useIdentity } from './useIdentity.js';

function shortRef(ref: string): string {
  return ref.replace(/^[a-z]+:default\//, '');
}

/** For the app's header: the signed-in user, their groups and sign-out; or a sign-in button. */
export function UserMenu() {
  const { identity, isLoading } = useIdentity();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [signOutError, setSignOutError] = useState<string>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  if (isLoading) return null;
  if (!identity) {
    if (location.pathname === '/sign-in') return null;
    const redirect = `${location.pathname}${location.search}`;
    return (
      <Button component={RouterLink} to={`/sign-in?${new URLSearchParams({ redirect })}`} variant="outlined" size="small">
        Sign in
      </Button>
    );
  }

  const name = identity.displayName ?? shortRef(identity.userEntityRef);
  const groups = groupsOf(identity);
  const onSignOut = async () => {
    try {
      await signOut();
      setAnchor(null);
      // Everything cached was read as this user.
      queryClient.clear();
      navigate('/sign-in');
    } catch (error) {
      setSignOutError((error as Error).message);
    }
  };

  return (
    <>
      <Tooltip title={`Signed in as ${name}`}>
        <IconButton
          onClick={(event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget)}
          aria-label={`Account: ${name}`}
          aria-haspopup="menu"
          aria-expanded={anchor ? 'true' : undefined}
        >
          <Avatar sx={{ width: 32, height: 32, fontSize: 16, bgcolor: 'primary.main' }}>{name.slice(0, 1).toUpperCase()}</Avatar>
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <Stack spacing={0.5} sx={{ px: 2, py: 1, maxWidth: 320 }} data-testid="user-menu-identity">
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {name}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {identity.userEntityRef}
          </Typography>
          {identity.email && <Typography variant="body2">{identity.email}</Typography>}
          {groups.length > 0 && (
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, pt: 0.5 }} aria-label="Groups">
              {groups.map(group => (
                <Chip key={group} size="small" label={shortRef(group)} />
              ))}
            </Stack>
          )}
          {signOutError && (
            <Typography variant="body2" color="error" role="alert">
              {signOutError}
            </Typography>
          )}
        </Stack>
        <Divider />
        <MenuItem component={RouterLink} to="/settings/tokens" onClick={() => setAnchor(null)}>
          <ListItemIcon>
            <KeyOutlinedIcon fontSize="small" />
          </ListItemIcon>
          Personal access tokens
        </MenuItem>
        <MenuItem onClick={onSignOut}>
          <ListItemIcon>
            <LogoutIcon fontSize="small" />
          </ListItemIcon>
          Sign out
        </MenuItem>
      </Menu>
    </>
  );
}
