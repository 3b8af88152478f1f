#!/usr/bin/env node
// `coffer`: runs the CLI bundle in out/cli (scripts/build-cli.mjs, built at install) while every
// source it was built from is unchanged, so a start costs no TypeScript compile; after any edit,
// or with no bundle, it runs the TypeScript sources through tsx, so nobody ever runs stale code.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundleDir = new URL('../out/cli/', import.meta.url);
// A path, not a URL per source: a start stats every source, and parsing as many URLs costs more.
const root = fileURLToPath(new URL('../', import.meta.url));

function freshBundle() {
  if (process.env.COFFER_CLI_FROM_SOURCES === '1') return null;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', bundleDir), 'utf8'));
  } catch {
    return null;
  }
  for (const [file, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    const s = statSync(root + file, { throwIfNoEntry: false });
    if (!s || s.mtimeMs !== mtimeMs || s.size !== size) return null;
  }
  return manifest;
}

/** `coffer [words…] --help` as recorded by the bundle's build (src/cli/main.ts helpTexts). */
function storedHelp(manifest, argv) {
  const last = argv.at(-1);
  if (argv.length === 1 && last === 'help') return manifest.help[''];
  if (last !== '--help' && last !== '-h') return undefined;
  return manifest.help[argv.slice(0, -1).join(' ')];
}

const argv = process.argv.slice(2);
const manifest = freshBundle();
const help = manifest && storedHelp(manifest, argv);
if (typeof help === 'string') {
  process.stdout.write(`${help}\n`);
} else {
  let entry = manifest && new URL(manifest.entry, bundleDir).href;
  if (!entry) {
    const { register } = await import('tsx/esm/api');
    register();
    entry = new URL('../src/cli/main.ts', import.meta.url).href;
  }
  const { run } = await import(entry);
  await run(argv);
}
