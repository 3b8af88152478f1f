// Linted as src/cli/probe.ts: the relay is reached only through relay/index.ts.
import { newDeviceId } from '../../relay/store';

export const probe = newDeviceId;
