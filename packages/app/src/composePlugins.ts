import type { AppPlugin, HeaderItem, NavItem, PluginRoute } from '@portal/app-api';

export interface ComposedPlugins {
  routes: Array<PluginRoute & { pluginId: string }>;
  navItems: NavItem[];
  headerItems: Array<HeaderItem & { pluginId: string }>;
}

/**
 * Gathers what the plugins contribute to the shell. Two plugins claiming the same id or route
 * would shadow each other silently at run time, so that fails here, at start-up, instead.
 */
export function composePlugins(plugins: readonly AppPlugin[]): ComposedPlugins {
  const ids = new Set<string>();
  const routeOwners = new Map<string, string>();
  for (const plugin of plugins) {
    if (ids.has(plugin.id)) throw new Error(`Two plugins share the id '${plugin.id}'`);
    ids.add(plugin.id);
    for (const route of plugin.routes) {
      const path = normalizeRoutePath(route.path);
      const owner = routeOwners.get(path);
      if (owner) throw new Error(`Plugins '${owner}' and '${plugin.id}' both claim the route '${route.path}'`);
      routeOwners.set(path, plugin.id);
    }
  }
  return {
    routes: plugins.flatMap(plugin => plugin.routes.map(route => ({ ...route, pluginId: plugin.id }))),
    // Array.prototype.sort is stable, so equal orders keep the plugins' installation order.
    navItems: plugins.flatMap(plugin => plugin.navItems ?? []).sort((a, b) => a.order - b.order),
    headerItems: plugins.flatMap(plugin => (plugin.headerItems ?? []).map(item => ({ ...item, pluginId: plugin.id }))),
  };
}

function normalizeRoutePath(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/\*$/, '').replace(/\/+$/, '');
}
