#!/usr/bin/env node
// Runs a TypeScript entry point through tsx without a build (`node bin/run-ts.mjs bench/run.ts …`).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bin/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
register();
const entry = path.resolve(file);
// The entry sees its own arguments as if it had been started directly.
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(entry).href);
