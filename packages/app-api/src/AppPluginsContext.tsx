import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AppPlugin, EntityTab } from './plugin.js';

const AppPluginsContext = createContext<readonly AppPlugin[]>([]);

/** Set by the app shell, so plugins can see what the others contribute (e.g. entity page tabs). */
export function AppPluginsProvider({ plugins, children }: { plugins: readonly AppPlugin[]; children: ReactNode }) {
  return <AppPluginsContext.Provider value={plugins}>{children}</AppPluginsContext.Provider>;
}

export function useAppPlugins(): readonly AppPlugin[] {
  return useContext(AppPluginsContext);
}

/** Every plugin's entity page tabs, in the order the plugins were installed. */
export function useEntityTabs(): EntityTab[] {
  const plugins = useAppPlugins();
  return useMemo(() => plugins.flatMap(plugin => plugin.entityTabs ?? []), [plugins]);
}
