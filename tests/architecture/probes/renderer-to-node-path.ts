// Linted as src/renderer/probe.ts: the renderer runs in Chromium, where Node built-ins do not exist.
import { join } from 'path';

export const probe = join;
