import { useMemo, useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AppPluginsProvider, ResponseError, type AppPlugin } from '@portal/app-api';
import { composePlugins } from './composePlugins.js';
import { Root } from './layout/Root.js';
import { HomePage } from './pages/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { plugins as installedPlugins } from './plugins.js';
import { ThemeModeProvider } from './theme/ThemeModeProvider.js';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change on retry; only server and network failures get another go.
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof ResponseError && error.statusCode < 500),
      },
    },
  });
}

export function App({ plugins = installedPlugins }: { plugins?: AppPlugin[] }) {
  const [queryClient] = useState(createQueryClient);
  const { routes, navItems, headerItems } = useMemo(() => composePlugins(plugins), [plugins]);
  return (
    <ThemeModeProvider>
      <QueryClientProvider client={queryClient}>
        <AppPluginsProvider plugins={plugins}>
          <BrowserRouter>
            <Routes>
              <Route element={<Root navItems={navItems} headerItems={headerItems} />}>
                <Route index element={<HomePage />} />
                {routes.map(route => (
                  <Route key={`${route.pluginId}:${route.path}`} path={route.path} element={route.element} />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AppPluginsProvider>
      </QueryClientProvider>
    </ThemeModeProvider>
  );
}
