// Linted as relay/probe.ts: the relay runs on a server and knows nothing of the app.
import { formatMoney } from '../src/shared/money';

export const probe = formatMoney;
