// Linted as src/main/services/probe.ts: test support is for tests only.
import { startHarness } from '../../../sim/testing';

export const probe = startHarness;
