/**
 * Test support: a brokerage account worked out by hand — a sale at a gain (long-term), one at a
 * loss (short-term), one from shares held before the history Plaid returned, qualified and
 * ordinary dividends, interest on cash and an account fee — with today's holdings equal to what
 * the moves leave (6 FUND, 1,000 USD cash).
 */
import type { Ledger } from '../ledger/ledger';

export type Move = [
  id: string,
  date: string,
  security: string | null,
  type: string,
  subtype: string,
  qty: number,
  price: number,
  amount: number,
  fees: number | null,
];
export const MOVES: Move[] = [
  ['div-old', '2023-12-15', 'acme', 'cash', 'qualified dividend', 0, 0, -9900, null],
  ['buy-acme', '2023-03-01', 'acme', 'buy', 'buy', 10, 100, 100500, 500],
  ['sell-old', '2024-02-01', 'acme', 'sell', 'sell', -4, 150, -60000, null],
  ['buy-fund', '2024-03-01', 'fund', 'buy', 'buy', 10, 50, 50000, null],
  ['div-q', '2024-03-15', 'acme', 'cash', 'qualified dividend', 0, 0, -4000, null],
  ['int', '2024-04-30', 'cash', 'cash', 'interest', 0, 0, -321, null],
  ['fee', '2024-05-01', null, 'fee', 'account fee', 0, 0, 2500, null],
  ['sell-gain', '2024-06-03', 'acme', 'sell', 'sell', -10, 110, -110000, null],
  ['div-o', '2024-06-15', 'fund', 'cash', 'dividend', 0, 0, -1250, null],
  ['sell-loss', '2024-09-03', 'fund', 'sell', 'sell', -4, 45.25, -18000, 100],
  ['div-nq', '2024-12-15', 'fund', 'cash', 'non-qualified dividend', 0, 0, -750, null],
];

export function insertBrokerage(ledger: Ledger): void {
  const db = ledger.db;
  ledger.write(() => {
    db.prepare(
      `INSERT INTO accounts (account_id, item_id, name, mask, type, subtype, currency, current_minor, updated_at)
       VALUES ('acc-brokerage', 'item-1', 'Brokerage', NULL, 'investment', 'brokerage', 'USD', 0, '2025-01-15T00:00:00Z')`,
    ).run();
    const security = db.prepare(
      `INSERT INTO securities (security_id, name, ticker, type, is_cash, currency, updated_at) VALUES (?, ?, ?, ?, ?, 'USD', '2025-01-15')`,
    );
    security.run('acme', 'Acme Corp', 'ACME', 'equity', 0);
    security.run('fund', 'Index Fund', 'FUND', 'etf', 0);
    security.run('cash', 'U S Dollar', 'CUR:USD', 'cash', 1);
    const move = db.prepare(
      `INSERT INTO investment_transactions (investment_transaction_id, account_id, item_id, security_id, date, name,
         quantity, price, amount_minor, fees_minor, type, subtype, currency)
       VALUES (?, 'acc-brokerage', 'item-1', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD')`,
    );
    for (const [id, date, sec, type, subtype, qty, price, amount, fees] of MOVES)
      move.run(id, sec, date, `${subtype} ${sec ?? ''}`, qty, price, amount, fees, type, subtype);
    const holding = db.prepare(
      `INSERT INTO holdings (account_id, security_id, item_id, quantity, price, price_as_of, value_minor, cost_basis_minor, currency)
       VALUES ('acc-brokerage', ?, 'item-1', ?, ?, '2025-01-15', ?, ?, 'USD')`,
    );
    holding.run('fund', 6, 60, 36000, 30000);
    holding.run('cash', 1000, 1, 100000, null);
    db.prepare(
      `INSERT INTO investment_valuations (account_id, currency, date, value_minor, cash_minor)
       VALUES ('acc-brokerage', 'USD', '2025-01-15', 136000, 100000)`,
    ).run();
  });
}
