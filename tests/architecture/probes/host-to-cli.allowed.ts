// Linted as src/main/host/probe.ts: the browser host is started by the CLI, never the reverse.
import { dispatch } from '../services/dispatch';

export const probe = dispatch;
