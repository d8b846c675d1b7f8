import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const appDir = path.dirname(fileURLToPath(import.meta.url));
// The backend the dev server proxies to: the same PORT the backend listens on, 7007 by default.
const backend = process.env.PORTAL_BACKEND_URL ?? `http://localhost:${process.env.PORT || 7007}`;

// The dev server hands everything but the app itself to the backend, as production serves both
// from one origin.
export default defineConfig({
  root: appDir,
  plugins: [react()],
  // Workspace packages export their TypeScript sources under the `source` condition, so the app
  // builds from src/ and needs no compiled dist/ of the packages it imports.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: path.join(appDir, 'dist'),
    emptyOutDir: true,
    // Fonts inlined as data: URLs are refused by the Content-Security-Policy (font-src is 'self'):
    // KaTeX's small fonts stay files.
    assetsInlineLimit: file => (/[\\/]katex[\\/]/.test(file) ? false : undefined),
    rolldownOptions: {
      output: {
        // Libraries change less often than the portal's own code; separate chunks stay cached
        // across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/, priority: 20 },
            // Split by the entries that use them: libraries only a lazy import needs (mermaid is
            // 3 MB) load with it, not with every page.
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10, entriesAware: true },
          ],
        },
      },
    },
  },
  server: {
    port: 3000,
    strictPort: true,
    proxy: Object.fromEntries(['/api', '/git', '/healthz', '/readyz'].map(prefix => [prefix, { target: backend, changeOrigin: false }])),
  },
  preview: { port: 4173 },
});
