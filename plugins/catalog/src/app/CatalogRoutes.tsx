import { Route, Routes } from 'react-router-dom';
import { CatalogIndexPage } from './CatalogIndexPage.js';
import { EntityPage } from './entity/EntityPage.js';
import { LocationsPage } from './locations/LocationsPage.js';
import { RegisterComponentPage } from './register/RegisterComponentPage.js';

/** Everything under /catalog. */
export function CatalogRoutes() {
  return (
    <Routes>
      <Route index element={<CatalogIndexPage />} />
      <Route path="register" element={<RegisterComponentPage />} />
      <Route path="locations" element={<LocationsPage />} />
      <Route path=":namespace/:kind/:name/*" element={<EntityPage />} />
    </Routes>
  );
}
