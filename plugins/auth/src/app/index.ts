import { createElement } from 'react';
import type { AppPlugin } from '@portal/app-api';
import { AUTH_PLUGIN_ID } from '../common/index.js';
import { SignInPage } from './SignInPage.js';
import { TokensPage } from './TokensPage.js';
import { UserMenu } from './UserMenu.js';

export const authPlugin: AppPlugin = {
  id: AUTH_PLUGIN_ID,
  routes: [
    { path: 'sign-in', element: createElement(SignInPage) },
    { path: 'settings/tokens', element: createElement(TokensPage) },
  ],
  headerItems: [{ id: 'user-menu', element: createElement(UserMenu) }],
};

export { SignInPage } from './SignInPage.js';
export { UserMenu } from './UserMenu.js';
export { TokensPage } from './TokensPage.js';
export { useIdentity, groupsOf } from './useIdentity.js';
export { fetchIdentity, signOut } from './api.js';
