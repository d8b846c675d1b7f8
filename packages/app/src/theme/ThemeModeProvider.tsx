import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import useMediaQuery from '@mui/material/useMediaQuery';
import { ThemeProvider, type PaletteMode } from '@mui/material/styles';
import { createPortalTheme } from './themes.js';

export const THEME_MODE_STORAGE_KEY = 'portal.themeMode';

interface ThemeModeContextValue {
  mode: PaletteMode;
  toggleMode: () => void;
}

const ThemeModeContext = createContext<ThemeModeContextValue | undefined>(undefined);

/**
 * Applies the light or dark theme. Until the reader picks one, the operating system's preference
 * decides; a pick is remembered in localStorage for the next visit.
 */
export function ThemeModeProvider({ children }: { children: ReactNode }) {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const [chosen, setChosen] = useState<PaletteMode | undefined>(readStoredMode);
  const mode: PaletteMode = chosen ?? (prefersDark ? 'dark' : 'light');

  const toggleMode = useCallback(() => {
    const next: PaletteMode = mode === 'dark' ? 'light' : 'dark';
    setChosen(next);
    try {
      localStorage.setItem(THEME_MODE_STORAGE_KEY, next);
    } catch {
      // Storage can be disabled (private windows, policies); the choice then lasts for this visit.
    }
  }, [mode]);

  const theme = useMemo(() => createPortalTheme(mode), [mode]);
  const value = useMemo(() => ({ mode, toggleMode }), [mode, toggleMode]);
  return (
    <ThemeModeContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline enableColorScheme />
        {children}
      </ThemeProvider>
    </ThemeModeContext.Provider>
  );
}

export function useThemeMode(): ThemeModeContextValue {
  const value = useContext(ThemeModeContext);
  if (!value) throw new Error('useThemeMode must be used inside ThemeModeProvider');
  return value;
}

function readStoredMode(): PaletteMode | undefined {
  try {
    const stored = localStorage.getItem(THEME_MODE_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : undefined;
  } catch {
    return undefined;
  }
}
