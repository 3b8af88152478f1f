// Linted as src/main/host/probe.ts: the browser host is started by the CLI, never the reverse.
import { parseCommand } from '../../cli/args';

export const probe = parseCommand;
