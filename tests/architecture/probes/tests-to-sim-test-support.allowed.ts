// Linted as tests/integration/probe.ts: tests may use test support.
import { startHarness } from '../../sim/testing';

export const probe = startHarness;
