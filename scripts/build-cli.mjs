#!/usr/bin/env node
/**
 * Bundles the command line (src/cli/main.ts, with the ledger worker beside it) into out/cli/ with
 * esbuild, so `coffer` starts without compiling TypeScript. Run at install (`prepare`) and by
 * `npm run build`. bin/coffer.mjs runs the bundle only while every source it was built from still
 * has the size and mtime recorded in its manifest; otherwise it runs the sources through tsx.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The manifest bin/coffer.mjs checks; written last, so a bundle without one is never run. */
const EXTERNAL = [
  // plaid: CommonJS, imported on demand (src/main/services/plaid/client.ts); Node gives its named exports.
  'plaid',

  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  '@napi-rs/keyring',
  'esbuild',
  'tsx',
  'electron',
];

export const MANIFEST = 'manifest.json';

/**
 * zod re-exports its ~50 message locales as `z.locales` (a third of its code), which every start
 * would compile; Coffer's messages are English (zod's default, set from its own `en` module), so
 * the bundle's `locales` holds only that one.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    const zodV4 = `${path.sep}zod${path.sep}v4${path.sep}`;
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(zodV4)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-en' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

export async function buildCliBundle(outDir = path.join(root, 'out', 'cli')) {
  // Built beside the target and swapped in by rename: a `coffer` starting meanwhile sees the old
  // bundle, none (and runs the sources), or the new one, never half of one.
  const staging = `${outDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [
      { in: 'src/cli/main.ts', out: 'coffer' },
      // Found by worker-work.ts as ./ledger-worker.js beside the chunk that spawns it.
      { in: 'src/main/services/worker/ledger-worker.ts', out: 'ledger-worker' },
    ],
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Pure-JS dependencies are bundled (one file loads far faster than zod's or axios' hundreds);
    // native modules, esbuild (it finds its binary beside itself) and tsx stay in node_modules.
    external: EXTERNAL,
    plugins: [zodEnglishOnly],
    // Bundled CommonJS dependencies call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __cofferRequire } from 'node:module'; const require = __cofferRequire(import.meta.url);",
    },
    chunkNames: 'chunk-[hash]',
    metafile: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // The embedded simulator compiles its Link stand-in from ./link-ui beside its own code.
  const linkUi = path.join(root, 'sim', 'link-ui');
  mkdirSync(path.join(staging, 'link-ui'));
  for (const name of readdirSync(linkUi).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')))
    copyFileSync(path.join(linkUi, name), path.join(staging, 'link-ui', name));

  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'))) {
    const s = statSync(path.join(root, input));
    inputs[input] = [s.mtimeMs, s.size];
  }
  // node_modules change only with the lockfile.
  for (const file of ['package.json', 'package-lock.json']) {
    const s = statSync(path.join(root, file), { throwIfNoEntry: false });
    if (s) inputs[file] = [s.mtimeMs, s.size];
  }
  const { helpTexts } = await import(pathToFileURL(path.join(staging, 'coffer.js')).href);
  writeFileSync(
    path.join(staging, MANIFEST),
    JSON.stringify({ entry: 'coffer.js', inputs, help: helpTexts() }),
  );

  const old = `${outDir}.old-${process.pid}`;
  mkdirSync(path.dirname(outDir), { recursive: true });
  try {
    renameSync(outDir, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
  return { outDir, inputs: Object.keys(inputs).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { outDir, inputs } = await buildCliBundle(
    process.argv[2] ? path.resolve(process.argv[2]) : undefined,
  );
  console.error(
    `CLI bundle: ${path.relative(root, outDir)} from ${inputs} sources in ${Math.round(performance.now() - started)} ms`,
  );
}
