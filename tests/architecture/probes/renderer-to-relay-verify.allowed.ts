// Linted as src/renderer/probe.ts: the renderer talks to main only through the contract.
import { formatMoney } from '../shared/money';

export const probe = formatMoney;
