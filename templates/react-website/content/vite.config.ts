import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The path the site is served under; every asset URL is prefixed with it.
  base: ${{ values.basePath | dump }},
  build: { outDir: 'dist', sourcemap: true },
});
