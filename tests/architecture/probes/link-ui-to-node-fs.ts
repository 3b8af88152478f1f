// Linted as sim/link-ui/probe.ts: the Link stand-in runs in a browser.
import { readFileSync } from 'node:fs';

export const probe = readFileSync;
