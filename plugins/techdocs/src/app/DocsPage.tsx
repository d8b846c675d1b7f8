import { Route, Routes } from 'react-router-dom';
import { DocsListPage } from './DocsListPage.js';
import { DocsReaderPage } from './DocsReaderPage.js';

/** Everything under /docs. */
export function DocsPage() {
  return (
    <Routes>
      <Route index element={<DocsListPage />} />
      <Route path=":namespace/:kind/:name/*" element={<DocsReaderPage />} />
    </Routes>
  );
}
