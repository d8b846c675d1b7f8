import { createElement } from 'react';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import type { AppPlugin } from '@portal/app-api';
import { SCAFFOLDER_PLUGIN_ID } from '../common/index.js';
import { CreatePage } from './CreatePage.js';

export const scaffolderPlugin: AppPlugin = {
  id: SCAFFOLDER_PLUGIN_ID,
  routes: [{ path: 'create/*', element: createElement(CreatePage) }],
  navItems: [{ title: 'Create', to: '/create', icon: createElement(AddCircleOutlineIcon), order: 40 }],
};
