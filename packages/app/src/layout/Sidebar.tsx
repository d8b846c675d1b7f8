import { NavLink } from 'react-router-dom';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { alpha, type Theme } from '@mui/material/styles';
import HomeOutlinedIcon from '@mui/icons-material/HomeOutlined';
import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import type { NavItem } from '@portal/app-api';

// Narrow screens get an icon rail; the links keep their names for screen readers and tooltips.
const width = { xs: 72, md: 232 };
const onWide = { display: { xs: 'none', md: 'block' } };

const homeItem: NavItem = { title: 'Home', to: '/', icon: <HomeOutlinedIcon />, order: 0 };

export function Sidebar({ navItems }: { navItems: NavItem[] }) {
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('md'), { noSsr: true });
  return (
    <Drawer
      variant="permanent"
      sx={{
        width,
        flexShrink: 0,
        '& .MuiDrawer-paper': { width, boxSizing: 'border-box', bgcolor: 'background.paper', overflowX: 'hidden' },
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
          flexShrink: 0,
          color: 'text.primary',
          textDecoration: 'none',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <HubOutlinedIcon color="primary" />
        <Typography variant="subtitle1" component="span" sx={{ fontWeight: 700, ...onWide }}>
          Developer Portal
        </Typography>
      </Box>
      <Box component="nav" aria-label="Main">
        <List sx={{ px: 1.5, py: 2 }}>
          {[homeItem, ...navItems].map(item => (
            <li key={item.to}>
              <SidebarLink item={item} showTooltip={!wide} />
            </li>
          ))}
        </List>
      </Box>
    </Drawer>
  );
}

function SidebarLink({ item, showTooltip }: { item: NavItem; showTooltip: boolean }) {
  const tint = (theme: Theme, light: number, dark: number) => alpha(theme.palette.primary.main, theme.palette.mode === 'dark' ? dark : light);
  return (
    <Tooltip title={showTooltip ? item.title : ''} placement="right">
      <ListItemButton
        component={NavLink}
        to={item.to}
        end={item.to === '/'}
        aria-label={item.title}
        sx={{
          borderRadius: 2,
          mb: 0.5,
          px: { xs: 1.5, md: 2 },
          color: 'text.secondary',
          '& .MuiListItemIcon-root': { color: 'inherit', minWidth: { xs: 0, md: 40 } },
          '&.active': { color: 'primary.main', bgcolor: theme => tint(theme, 0.1, 0.16) },
          '&.active:hover': { bgcolor: theme => tint(theme, 0.16, 0.24) },
          '&.active .MuiListItemText-primary': { fontWeight: 600 },
          '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
        }}
      >
        <ListItemIcon>{item.icon}</ListItemIcon>
        <ListItemText primary={item.title} sx={onWide} />
      </ListItemButton>
    </Tooltip>
  );
}
