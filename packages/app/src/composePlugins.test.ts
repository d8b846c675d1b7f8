import { describe, expect, it } from 'vitest';
import type { AppPlugin } from '@portal/app-api';
import { composePlugins } from './composePlugins.js';
import { plugins } from './plugins.js';

const page = (name: string) => name;

describe('composePlugins', () => {
  it('puts the installed plugins in the sidebar in their order', () => {
    const { navItems, routes } = composePlugins(plugins);
    expect(navItems.map(item => [item.title, item.to])).toEqual([
      ['Catalog', '/catalog'],
      ['APIs', '/apis'],
      ['Docs', '/docs'],
      ['Create', '/create'],
    ]);
    // Repository pages, token settings and search are reached from links, the user menu and the header, not the sidebar.
    expect(routes.map(route => route.path)).toEqual(['catalog/*', 'apis/*', 'docs/*', 'create/*', 'git/*', 'sign-in', 'settings/tokens', 'search']);
  });

  it('sorts by order across plugins, keeping installation order for ties', () => {
    const a: AppPlugin = {
      id: 'a',
      routes: [],
      navItems: [
        { title: 'A2', to: '/a2', icon: null, order: 20 },
        { title: 'A1', to: '/a1', icon: null, order: 5 },
      ],
    };
    const b: AppPlugin = { id: 'b', routes: [], navItems: [{ title: 'B', to: '/b', icon: null, order: 20 }] };
    expect(composePlugins([a, b]).navItems.map(item => item.title)).toEqual(['A1', 'A2', 'B']);
  });

  it('refuses two plugins with one id or one route', () => {
    const first: AppPlugin = { id: 'docs', routes: [{ path: 'docs/*', element: page('first') }] };
    expect(() => composePlugins([first, { id: 'docs', routes: [] }])).toThrow("Two plugins share the id 'docs'");
    expect(() => composePlugins([first, { id: 'wiki', routes: [{ path: '/docs', element: page('second') }] }])).toThrow(
      "Plugins 'docs' and 'wiki' both claim the route '/docs'",
    );
  });
});
