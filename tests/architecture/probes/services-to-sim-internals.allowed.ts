// Linted as src/main/services/probe.ts: services reach the simulator only through sim/index.ts.
import { startSimulator } from '../../../sim/index';

export const probe = startSimulator;
