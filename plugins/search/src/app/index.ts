import { createElement } from 'react';
import type { AppPlugin } from '@portal/app-api';
import { SEARCH_PLUGIN_ID } from '../common/index.js';
import { SearchPage } from './SearchPage.js';

export const searchPlugin: AppPlugin = {
  id: SEARCH_PLUGIN_ID,
  routes: [{ path: 'search', element: createElement(SearchPage) }],
};
export { SearchPalette } from './SearchPalette.js';
export { SearchPage } from './SearchPage.js';
