#!/usr/bin/env node
/**
 * The renderer's JavaScript per view, from a build (`npm run build`, or the out dir given): what
 * the browser fetches to show each view first (the entry's chunks plus the view's own), raw and
 * compressed (gzip -9 and brotli, as a server or the app's own protocol would send it), and which
 * of those chunks carry recharts. Prints a Markdown table for BENCHMARKS.md; `--json` for tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Whose JavaScript the landing view (the home dashboard) may weigh, compressed (issue 18). */
export const LANDING_BUDGET_GZIP = 350 * 1024;

export function bundleSizes(rendererDir = path.join(root, 'out', 'renderer')) {
  const read = (file) => JSON.parse(readFileSync(path.join(rendererDir, '.vite', file), 'utf8'));
  const manifest = read('manifest.json');
  const packages = read('chunk-packages.json');
  const closure = (key, seen = new Set()) => {
    const entry = manifest[key];
    if (!entry || seen.has(entry.file)) return seen;
    seen.add(entry.file);
    for (const dep of entry.imports ?? []) closure(dep, seen);
    return seen;
  };
  const measure = (files) => {
    const js = [...files].filter((f) => f.endsWith('.js'));
    const bytes = js.map((f) => readFileSync(path.join(rendererDir, f)));
    const sum = (f) => bytes.reduce((total, b) => total + f(b), 0);
    return {
      files: js.length,
      raw: sum((b) => b.length),
      gzip: sum((b) => gzipSync(b, { level: 9 }).length),
      brotli: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
      recharts: js.some((f) => (packages[f] ?? []).includes('recharts')),
    };
  };
  const entry = closure('index.html');
  const views = (manifest['index.html'].dynamicImports ?? []).map((key) => {
    const own = closure(key);
    return {
      view: path.basename(key).replace(/\.tsx?$/, ''),
      // The entry's chunks are already there when a view is opened later: what opening it adds.
      added: measure([...own].filter((f) => !entry.has(f))),
      // What showing this view first costs: the entry's chunks and the view's own.
      first: measure(new Set([...entry, ...own])),
    };
  });
  return { entry: measure(entry), views };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function formatBundleSizes({ entry, views }) {
  return [
    '| JavaScript | files | raw (minified) | gzip -9 | brotli | carries recharts |',
    '| --- | --- | --- | --- | --- | --- |',
    `| entry (shell, stores, bridge) | ${entry.files} | ${kb(entry.raw)} | ${kb(entry.gzip)} | ${kb(entry.brotli)} | ${entry.recharts ? 'yes' : 'no'} |`,
    ...views.map(
      ({ view, first }) =>
        `| ${view} shown first (entry + its chunks) | ${first.files} | ${kb(first.raw)} | ${kb(first.gzip)} | ${kb(first.brotli)} | ${first.recharts ? 'yes' : 'no'} |`,
    ),
    ...views.map(
      ({ view, added }) =>
        `| ${view} opened later (what it adds) | ${added.files} | ${kb(added.raw)} | ${kb(added.gzip)} | ${kb(added.brotli)} | ${added.recharts ? 'yes' : 'no'} |`,
    ),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const sizes = bundleSizes(dir ? path.resolve(dir) : undefined);
  console.log(process.argv.includes('--json') ? JSON.stringify(sizes) : formatBundleSizes(sizes).join('\n'));
}
