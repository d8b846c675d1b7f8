import { createElement } from 'react';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import type { AppPlugin } from '@portal/app-api';
import { SCAFFOLDER_PLUGIN_ID } from '../common/index.js';
import { CreateRoutes } from './CreateRoutes.js';

export const scaffolderPlugin: AppPlugin = {
  id: SCAFFOLDER_PLUGIN_ID,
  routes: [{ path: 'create/*', element: createElement(CreateRoutes) }],
  navItems: [{ title: 'Create', to: '/create', icon: createElement(AddCircleOutlineIcon), order: 40 }],
};

export { ScaffolderClientProvider, useScaffolderClient } from './api.js';
export { FormValidator, formValidator } from './form/validator.js';
export { fieldExtensions } from './form/fields/index.js';
