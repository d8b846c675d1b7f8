import { Fragment } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';
import type { HeaderItem } from '@portal/app-api';
import { SearchPalette } from '@portal/plugin-search/app';
import { useThemeMode } from '../theme/ThemeModeProvider.js';

export function Header({ items = [] }: { items?: HeaderItem[] }) {
  return (
    <AppBar position="sticky" sx={{ borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Toolbar sx={{ gap: 2, minHeight: { xs: 64 } }}>
        <SearchPalette />
        <Box sx={{ flexGrow: 1 }} />
        <ThemeToggle />
        {items.map(item => (
          <Fragment key={item.id}>{item.element}</Fragment>
        ))}
      </Toolbar>
    </AppBar>
  );
}

function ThemeToggle() {
  const { mode, toggleMode } = useThemeMode();
  const label = mode === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <Tooltip title={label}>
      <IconButton onClick={toggleMode} aria-label={label} color="inherit">
        {mode === 'dark' ? <LightModeOutlinedIcon /> : <DarkModeOutlinedIcon />}
      </IconButton>
    </Tooltip>
  );
}
