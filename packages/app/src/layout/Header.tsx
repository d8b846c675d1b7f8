import { Fragment, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';
import SearchIcon from '@mui/icons-material/Search';
import type { HeaderItem } from '@portal/app-api';
import { useThemeMode } from '../theme/ThemeModeProvider.js';

export function Header({ items = [] }: { items?: HeaderItem[] }) {
  return (
    <AppBar position="sticky" sx={{ borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Toolbar sx={{ gap: 2, minHeight: { xs: 64 } }}>
        <SearchBox />
        <Box sx={{ flexGrow: 1 }} />
        <ThemeToggle />
        {items.map(item => (
          <Fragment key={item.id}>{item.element}</Fragment>
        ))}
      </Toolbar>
    </AppBar>
  );
}

/** Searches the catalog for now; the catalog reads `q` from its URL. */
function SearchBox() {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    navigate(q ? `/catalog?${new URLSearchParams({ q })}` : '/catalog');
  };
  return (
    <Box component="form" role="search" onSubmit={submit} sx={{ width: '100%', maxWidth: 480 }}>
      <TextField
        type="search"
        size="small"
        fullWidth
        placeholder="Search the portal"
        value={query}
        onChange={event => setQuery(event.target.value)}
        slotProps={{
          htmlInput: { 'aria-label': 'Search the portal' },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
    </Box>
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
