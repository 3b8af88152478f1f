// Linted as src/main/services/probe.ts: services reach the simulator only through sim/index.ts.
import { householdFor } from '../../../sim/generator';

export const probe = householdFor;
