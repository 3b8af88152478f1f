import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// electron-vite bundles this file and rewrites import.meta.url (not import.meta.dirname) to its real place.
const root = dirname(fileURLToPath(import.meta.url));
/** COFFER_BUILD_OUT lets a test build into a temp dir without touching the out/ others may be serving. */
const out = resolve(root, process.env.COFFER_BUILD_OUT ?? 'out');

/**
 * The embedded simulator compiles its Link stand-in (sim/link-ui/*.ts) with esbuild on first use,
 * from `new URL('./link-ui/…', import.meta.url)`. Bundled, import.meta.url is out/main/index.js, so
 * those sources are copied beside it (and esbuild stays external: it locates its native binary
 * relative to its own package).
 */
function simLinkUiSources(): Plugin {
  const dir = resolve(root, 'sim/link-ui');
  return {
    name: 'coffer:sim-link-ui-sources',
    apply: 'build',
    generateBundle() {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        this.emitFile({
          type: 'asset',
          fileName: join('link-ui', name),
          source: readFileSync(join(dir, name)),
        });
      }
    },
  };
}

/**
 * Which npm packages went into each chunk (.vite/chunk-packages.json, beside Vite's manifest), so
 * scripts/bundle-size.mjs can show that a view's code carries no recharts unless it draws a chart.
 */
function chunkPackages(): Plugin {
  return {
    name: 'coffer:chunk-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      const packages: Record<string, string[]> = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const names = chunk.moduleIds.map((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1]);
        packages[chunk.fileName] = [...new Set(names.filter((n): n is string => n !== undefined))].sort();
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/chunk-packages.json',
        source: JSON.stringify(packages, null, 1),
      });
    },
  };
}

/**
 * The About view's facts known at build time: package.json's version and, for each of its
 * dependencies, the version installed and its licence (from the package's own package.json).
 */
function buildInfo() {
  const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const pkg = readJson(resolve(root, 'package.json'));
  const dependencies = Object.keys((pkg.dependencies ?? {}) as Record<string, string>).sort();
  const licences = dependencies.map((name) => {
    const dep = readJson(resolve(root, 'node_modules', name, 'package.json'));
    return { name, version: String(dep.version), licence: String(dep.license ?? 'see package') };
  });
  return { version: String(pkg.version), licences };
}

export default defineConfig({
  main: {
    plugins: [simLinkUiSources()],
    build: {
      outDir: join(out, 'main'),
      // Native and heavy Node deps stay in node_modules (electron-vite externalizes package.json
      // dependencies); our own TypeScript (services, shared, the embedded simulator) is bundled.
      externalizeDeps: { include: ['esbuild'] },
      rolldownOptions: {
        // ESM output (package.json has "type": "module", Electron >= 28 loads ESM main): out/main/index.js.
        // ledger-worker.js: the ledger worker thread (src/main/services/worker), found beside index.js.
        input: {
          index: resolve(root, 'src/main/electron/main.ts'),
          'ledger-worker': resolve(root, 'src/main/services/worker/ledger-worker.ts'),
        },
        // Chunks (the lazily loaded simulator among them) sit beside index.js too, so the simulator's
        // `new URL('./link-ui/…', import.meta.url)` finds the copied sources from its own chunk.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: join(out, 'preload'),
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
    plugins: [react(), chunkPackages()],
    define: { __COFFER_BUILD__: JSON.stringify(buildInfo()) },
    build: {
      outDir: join(out, 'renderer'),
      // Each view's code is its own chunk (app/view-entry.tsx loadComponent), loaded when first shown.
      minify: true,
      // scripts/bundle-size.mjs reads which chunks each view needs from the manifest.
      manifest: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/renderer/index.html'),
          link: resolve(root, 'src/renderer/link/index.html'),
        },
      },
    },
  },
});
