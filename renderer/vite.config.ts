import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: the same build is served by `longtail serve` at / and by Electron's app:// protocol.
export default defineConfig({
  // The build runs from the repository root (npm run build:renderer); resolve from this folder.
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    chunkSizeWarningLimit: 1500,
    // No inline scripts or module-preload polyfill: the CSP says script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
