import { Route, Routes } from 'react-router-dom';
import { CatalogIndexPage } from './CatalogIndexPage.js';
import { EntityPage } from './entity/EntityPage.js';
import { RegisterComponentPage } from './RegisterComponentPage.js';

/** Everything under /catalog. */
export function CatalogRoutes() {
  return (
    <Routes>
      <Route index element={<CatalogIndexPage />} />
      <Route path="register" element={<RegisterComponentPage />} />
      <Route path=":namespace/:kind/:name/*" element={<EntityPage />} />
    </Routes>
  );
}
