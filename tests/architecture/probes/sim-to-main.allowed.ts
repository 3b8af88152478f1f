// Linted as sim/probe.ts: the simulator stands for Plaid and knows nothing of the app.
import { newRequestId } from './ids';

export const probe = newRequestId;
