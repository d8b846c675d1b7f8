import { Route, Routes } from 'react-router-dom';
import { TemplateGalleryPage } from './gallery/TemplateGalleryPage.js';
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
      <Route path="tasks/:id" element={<TaskPage />} />
    </Routes>
  );
}
