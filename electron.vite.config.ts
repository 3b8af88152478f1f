import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite bundles this file and rewrites import.meta.url (not import.meta.dirname) to its real place.
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Native and heavy Node deps stay in node_modules (electron-vite externalizes package.json
      // dependencies); our own TypeScript (services, shared, the embedded simulator) is bundled.
      externalizeDeps: true,
      rolldownOptions: {
        // ESM output (package.json has "type": "module", Electron >= 28 loads ESM main): out/main/index.js.
        input: { index: resolve(root, 'src/main/electron/main.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only 'electron' (and a few polyfilled modules): every
      // entry must be one self-contained CommonJS file, so nothing is externalized or shared.
      externalizeDeps: false,
      isolatedEntries: true,
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/preload/index.ts'),
          link: resolve(root, 'src/preload/link.ts'),
        },
        external: ['electron'],
        // .cjs: with "type": "module" a .js file would read as ESM, which sandboxed preloads cannot run.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/renderer/index.html'),
          link: resolve(root, 'src/renderer/link/index.html'),
        },
      },
    },
  },
});
