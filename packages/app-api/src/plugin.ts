import type { ReactNode } from 'react';
import type { Entity } from '@portal/catalog-model';

/** A page tree a plugin mounts in the shell; `path` is relative to the root, e.g. 'catalog/*'. */
export interface PluginRoute {
  path: string;
  element: ReactNode;
}

/** An entry in the sidebar; items from all plugins are sorted by `order`, lowest first. */
export interface NavItem {
  title: string;
  /** Absolute path inside the app, e.g. '/catalog'. */
  to: string;
  icon: ReactNode;
  order: number;
}

/** A tab a plugin adds to the catalog's entity page. */
export interface EntityTab {
  id: string;
  title: string;
  /** Relative to the entity page, e.g. 'docs' for /catalog/default/component/payments/docs. */
  path: string;
  render: (entity: Entity) => ReactNode;
  /** When given, the tab only shows for entities it accepts (e.g. those with docs). */
  if?: (entity: Entity) => boolean;
}

/** Something a plugin shows at the right of the header on every page, such as the user's menu. */
export interface HeaderItem {
  id: string;
  element: ReactNode;
}

/** What a frontend plugin hands to the app shell; the shell composes these and nothing more. */
export interface AppPlugin {
  id: string;
  routes: PluginRoute[];
  navItems?: NavItem[];
  entityTabs?: EntityTab[];
  headerItems?: HeaderItem[];
}
