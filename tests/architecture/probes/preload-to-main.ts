// Linted as src/preload/probe.ts: the sandboxed preload knows only the contract and electron.
import { dispatch } from '../main/services/dispatch';

export const probe = dispatch;
