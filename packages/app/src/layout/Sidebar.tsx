import { NavLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import HomeOutlinedIcon from '@mui/icons-material/HomeOutlined';
import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import type { NavItem } from '@portal/app-api';

export const SIDEBAR_WIDTH = 232;

const homeItem: NavItem = { title: 'Home', to: '/', icon: <HomeOutlinedIcon />, order: 0 };

export function Sidebar({ navItems }: { navItems: NavItem[] }) {
  return (
    <Drawer
      variant="permanent"
      sx={{
        width: SIDEBAR_WIDTH,
        flexShrink: 0,
        '& .MuiDrawer-paper': { width: SIDEBAR_WIDTH, boxSizing: 'border-box', bgcolor: 'background.paper' },
      }}
    >
      <Box
        component={NavLink}
        to="/"
        aria-label="Developer Portal home"
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1.5,
          px: 2.5,
          height: 64,
          color: 'text.primary',
          textDecoration: 'none',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <HubOutlinedIcon color="primary" />
        <Typography variant="subtitle1" component="span" sx={{ fontWeight: 700 }}>
          Developer Portal
        </Typography>
      </Box>
      <Box component="nav" aria-label="Main">
        <List sx={{ px: 1.5, py: 2 }}>
          {[homeItem, ...navItems].map(item => (
            <li key={item.to}>
              <ListItemButton
                component={NavLink}
                to={item.to}
                end={item.to === '/'}
                sx={{
                  borderRadius: 2,
                  mb: 0.5,
                  color: 'text.secondary',
                  '& .MuiListItemIcon-root': { color: 'inherit', minWidth: 40 },
                  '&.active': {
                    color: 'primary.main',
                    bgcolor: theme => alpha(theme.palette.primary.main, theme.palette.mode === 'dark' ? 0.16 : 0.1),
                  },
                  '&.active:hover': {
                    bgcolor: theme => alpha(theme.palette.primary.main, theme.palette.mode === 'dark' ? 0.24 : 0.16),
                  },
                  '&.active .MuiListItemText-primary': { fontWeight: 600 },
                  '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
                }}
              >
                <ListItemIcon>{item.icon}</ListItemIcon>
                <ListItemText primary={item.title} />
              </ListItemButton>
            </li>
          ))}
        </List>
      </Box>
    </Drawer>
  );
}
