// Linted as sim/probe.ts: the simulator stands for Plaid and knows nothing of the app.
import { AppError } from '../src/main/services/errors';

export const probe = AppError;
