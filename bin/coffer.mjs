#!/usr/bin/env node
// `npx coffer …` right after `npm ci`: the CLI runs from its TypeScript sources through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
await run(process.argv.slice(2));
