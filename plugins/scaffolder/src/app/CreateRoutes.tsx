import { Link as RouterLink, Route, Routes } from 'react-router-dom';
import Button from '@mui/material/Button';
import { EmptyState, PageLayout } from '@portal/app-api';
import { TemplateGalleryPage } from './gallery/TemplateGalleryPage.js';
import { RepositoriesPage } from './repositories/RepositoriesPage.js';
import { TaskListPage } from './tasks/TaskListPage.js';
import { TaskPage } from './tasks/TaskPage.js';
import { TemplateWizardPage } from './wizard/TemplateWizardPage.js';

/** Everything under /create. */
export function CreateRoutes() {
  return (
    <Routes>
      <Route index element={<TemplateGalleryPage />} />
      <Route path="templates/:namespace/:name" element={<TemplateWizardPage />} />
      <Route path="tasks" element={<TaskListPage />} />
      <Route path="repositories" element={<RepositoriesPage />} />
      <Route path="tasks/:id" element={<TaskPage />} />
      <Route
        path="*"
        element={
          <PageLayout title="Create">
            <EmptyState
              title="Page not found"
              description="There is no such page under Create."
              action={
                <Button variant="contained" component={RouterLink} to="/create">
                  All templates
                </Button>
              }
            />
          </PageLayout>
        }
      />
    </Routes>
  );
}
