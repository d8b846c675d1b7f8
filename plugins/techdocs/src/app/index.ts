import { createElement } from 'react';
import MenuBookOutlinedIcon from '@mui/icons-material/MenuBookOutlined';
import type { AppPlugin } from '@portal/app-api';
import { TECHDOCS_PLUGIN_ID, TECHDOCS_REF_ANNOTATION } from '../common/index.js';
import { DocsPage } from './DocsPage.js';
import { EntityDocsTab } from './EntityDocsTab.js';

export const techdocsPlugin: AppPlugin = {
  id: TECHDOCS_PLUGIN_ID,
  routes: [{ path: 'docs/*', element: createElement(DocsPage) }],
  navItems: [{ title: 'Docs', to: '/docs', icon: createElement(MenuBookOutlinedIcon), order: 30 }],
  entityTabs: [
    {
      id: 'docs',
      title: 'Docs',
      path: 'docs',
      render: entity => createElement(EntityDocsTab, { entity }),
      if: entity => Boolean(entity.metadata.annotations?.[TECHDOCS_REF_ANNOTATION]),
    },
  ],
};
export { DocsReader } from './DocsReaderPage.js';
