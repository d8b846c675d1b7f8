import { Outlet, useLocation } from 'react-router-dom';
import Box from '@mui/material/Box';
import type { NavItem } from '@portal/app-api';
import { Header } from './Header.js';
import { RouteErrorBoundary } from './RouteErrorBoundary.js';
import { Sidebar } from './Sidebar.js';

/** The frame around every page: sidebar, header and the routed content. */
export function Root({ navItems }: { navItems: NavItem[] }) {
  const location = useLocation();
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Sidebar navItems={navItems} />
      <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Header />
        <Box component="main" sx={{ flexGrow: 1, p: { xs: 2, md: 4 }, maxWidth: 1400, width: '100%', mx: 'auto' }}>
          <RouteErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </RouteErrorBoundary>
        </Box>
      </Box>
    </Box>
  );
}
