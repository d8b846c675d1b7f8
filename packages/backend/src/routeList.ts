import type { Express } from 'express';

/** A route the server answers, as `METHOD /path` with Express's parameter syntax. */
export interface ListedRoute {
  method: string;
  path: string;
}

/** What Express keeps of each `use` and route in a router's stack (its own, untyped, fields). */
interface StackLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: StackLayer[]; routes?: ListedRoute[] };
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function walk(stack: StackLayer[], prefix: string, out: ListedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      // Regular-expression routes are the app's page fallback; only named paths are API routes.
      if (typeof layer.route.path !== 'string') continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: joinPaths(prefix, layer.route.path) });
      }
      continue;
    }
    const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
    if (layer.handle.stack) walk(layer.handle.stack, joinPaths(prefix, mount), out);
    // A handler that dispatches by itself (git's smart HTTP) names its endpoints on `routes`.
    else if (layer.handle.routes) for (const r of layer.handle.routes) out.push({ method: r.method, path: joinPaths(joinPaths(prefix, mount), r.path) });
  }
}

/**
 * Every route the app registers, read from the routers' own stacks, so a check that walks them
 * (every route has a documented rule) cannot miss one that a plugin adds.
 */
export function listRoutes(app: Express): ListedRoute[] {
  const out: ListedRoute[] = [];
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '', out);
  const seen = new Set<string>();
  return out.filter(r => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
