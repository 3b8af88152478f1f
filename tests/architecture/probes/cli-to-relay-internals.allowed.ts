// Linted as src/cli/probe.ts: the relay is reached only through relay/index.ts.
import { startRelay } from '../../relay/index';

export const probe = startRelay;
