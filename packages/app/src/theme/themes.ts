import { createTheme, type PaletteMode, type ThemeOptions } from '@mui/material/styles';

// One shape for both modes; only the palette differs, so components look alike in each.
const shared: ThemeOptions = {
  shape: { borderRadius: 8 },
  typography: {
    fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    h4: { letterSpacing: '-0.01em' },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
    MuiPaper: { styleOverrides: { outlined: { borderRadius: 12 } } },
    MuiButton: { defaultProps: { disableElevation: true } },
  },
};

const palettes = {
  light: {
    mode: 'light',
    primary: { main: '#3949ab' },
    secondary: { main: '#00897b' },
    background: { default: '#f5f6fa', paper: '#ffffff' },
  },
  dark: {
    mode: 'dark',
    primary: { main: '#8c9eff' },
    secondary: { main: '#4db6ac' },
    background: { default: '#0f1219', paper: '#171b24' },
  },
} as const;

export function createPortalTheme(mode: PaletteMode) {
  return createTheme({ ...shared, palette: palettes[mode] });
}
