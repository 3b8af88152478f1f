// Linted as src/shared/probe.ts: shared runs everywhere and imports only zod and shared.
import { z } from 'zod';

export const probe = z;
