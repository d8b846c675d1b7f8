import { createElement } from 'react';
import ApiOutlinedIcon from '@mui/icons-material/ApiOutlined';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import type { AppPlugin } from '@portal/app-api';
import { CATALOG_PLUGIN_ID } from '../common/index.js';
import { ApisPage } from './ApisPage.js';
import { CatalogRoutes } from './CatalogRoutes.js';

export const catalogPlugin: AppPlugin = {
  id: CATALOG_PLUGIN_ID,
  routes: [
    { path: 'catalog/*', element: createElement(CatalogRoutes) },
    { path: 'apis/*', element: createElement(ApisPage) },
  ],
  navItems: [
    { title: 'Catalog', to: '/catalog', icon: createElement(CategoryOutlinedIcon), order: 10 },
    { title: 'APIs', to: '/apis', icon: createElement(ApiOutlinedIcon), order: 20 },
  ],
};

export { catalogApi, entityRoute, useEntity, useEntityQuery } from './api.js';
