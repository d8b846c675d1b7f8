import { useRef, type MouseEvent } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { HeaderItem, NavItem } from '@portal/app-api';
import { Header } from './Header.js';
import { RouteErrorBoundary } from './RouteErrorBoundary.js';
import { Sidebar } from './Sidebar.js';

/** The frame around every page: sidebar, header and the routed content. */
export function Root({ navItems, headerItems = [] }: { navItems: NavItem[]; headerItems?: HeaderItem[] }) {
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // Keyboard users skip the sidebar and header; focusing by hand keeps the URL free of a #hash.
  const skipToContent = (event: MouseEvent) => {
    event.preventDefault();
    main.current?.focus();
  };
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Link
        href="#main-content"
        onClick={skipToContent}
        sx={{
          position: 'fixed',
          left: 8,
          top: -64,
          zIndex: 'tooltip',
          px: 2,
          py: 1,
          borderRadius: 1,
          bgcolor: 'background.paper',
          boxShadow: 4,
          '&:focus': { top: 8 },
        }}
      >
        Skip to content
      </Link>
      <Sidebar navItems={navItems} />
      <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <Header items={headerItems} />
        <Box
          component="main"
          id="main-content"
          ref={main}
          tabIndex={-1}
          sx={{ flexGrow: 1, p: { xs: 2, md: 4 }, maxWidth: 1400, width: '100%', mx: 'auto', outline: 'none' }}
        >
          <RouteErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </RouteErrorBoundary>
        </Box>
      </Box>
    </Box>
  );
}
