// Linted as sim/link-ui/probe.ts: the Link stand-in runs in a browser.
import { el } from './dom';

export const probe = el;
