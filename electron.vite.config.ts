import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

// Builds out/main (the shell and the backend worker), out/preload (CommonJS: a sandboxed preload
// cannot be an ES module) and out/renderer. Needs no Electron binary.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/electron/index.ts'),
          worker: resolve(root, 'main/backend/worker/entry.ts'),
          'risk-worker': resolve(root, 'main/backend/analysis/risk-worker.ts'),
          'import-parser': resolve(root, 'main/backend/import/parser/entry.ts'),
        },
        // Shared chunks sit beside the entries: modules that find files relative to themselves
        // (package.json, resources/) then resolve the same from every chunk.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Everything the preload uses is bundled into one file; only 'electron' stays external.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'main/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      // Same choices as renderer/vite.config.ts: no inline module-preload polyfill under script-src 'self'.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 1500,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
