// Linted as src/shared/probe.ts: shared runs everywhere and imports only zod and shared.
import { formatMoney } from './money';

export const probe = formatMoney;
