import type { AppPlugin } from '@portal/app-api';
import { authPlugin } from '@portal/plugin-auth/app';
import { catalogPlugin } from '@portal/plugin-catalog/app';
import { scaffolderPlugin } from '@portal/plugin-scaffolder/app';
import { searchPlugin } from '@portal/plugin-search/app';
import { techdocsPlugin } from '@portal/plugin-techdocs/app';

/** The plugins this portal is built with; the shell mounts their routes, nav items and tabs. */
export const plugins: AppPlugin[] = [catalogPlugin, techdocsPlugin, scaffolderPlugin, authPlugin, searchPlugin];
