import { createElement, lazy, Suspense } from 'react';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import { Progress, type AppPlugin } from '@portal/app-api';
import { SCAFFOLDER_PLUGIN_ID } from '../common/index.js';
import { CreateRoutes } from './CreateRoutes.js';

// The repository pages bring an editor and a highlighter: loaded when one is opened.
const RepositoryRoutes = lazy(() => import('./repositories/RepositoryRoutes.js'));

export const scaffolderPlugin: AppPlugin = {
  id: SCAFFOLDER_PLUGIN_ID,
  routes: [
    { path: 'create/*', element: createElement(CreateRoutes) },
    { path: 'git/*', element: createElement(Suspense, { fallback: createElement(Progress, { label: 'Loading' }) }, createElement(RepositoryRoutes)) },
  ],
  navItems: [{ title: 'Create', to: '/create', icon: createElement(AddCircleOutlineIcon), order: 40 }],
};

export { ScaffolderClientProvider, useScaffolderClient } from './api.js';
export { FormValidator, formValidator } from './form/validator.js';
export { fieldExtensions } from './form/fields/index.js';
