import { createElement } from 'react';
import MenuBookOutlinedIcon from '@mui/icons-material/MenuBookOutlined';
import type { AppPlugin } from '@portal/app-api';
import { TECHDOCS_PLUGIN_ID } from '../common/index.js';
import { DocsPage } from './DocsPage.js';

export const techdocsPlugin: AppPlugin = {
  id: TECHDOCS_PLUGIN_ID,
  routes: [{ path: 'docs/*', element: createElement(DocsPage) }],
  navItems: [{ title: 'Docs', to: '/docs', icon: createElement(MenuBookOutlinedIcon), order: 30 }],
};
