import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AppPluginsProvider, ResponseError, type AppPlugin } from '@portal/app-api';
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
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ResponseError && error.statusCode < 500),
      },
    },
  });
}

export function App({ plugins = installedPlugins }: { plugins?: AppPlugin[] }) {
  const [queryClient] = useState(createQueryClient);
  const navItems = plugins.flatMap(plugin => plugin.navItems ?? []).sort((a, b) => a.order - b.order);
  return (
    <ThemeModeProvider>
      <QueryClientProvider client={queryClient}>
        <AppPluginsProvider plugins={plugins}>
          <BrowserRouter>
            <Routes>
              <Route element={<Root navItems={navItems} />}>
                <Route index element={<HomePage />} />
                {plugins.flatMap(plugin =>
                  plugin.routes.map(route => (
                    <Route key={`${plugin.id}:${route.path}`} path={route.path} element={route.element} />
                  )),
                )}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AppPluginsProvider>
      </QueryClientProvider>
    </ThemeModeProvider>
  );
}
