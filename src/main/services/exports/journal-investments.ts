/**
 * Investment accounts in the journals. Each account with investment data (holdings or investment
 * transactions) is a parent of one account per security, holding the security as a commodity,
 * and a `Cash` account holding the uninvested cash (Plaid's `CUR:USD` position) in plain USD.
 *
 * Booking: beancount books each account's lots first-in-first-out (`open … "FIFO"`); a purchase
 * adds a lot at its total cost (the cash paid, commissions included, as Coffer's FIFO lots count
 * it), a sale reduces the oldest lots (`{}`) at its price and beancount posts the realized gain
 * to `Income:Investments:Capital-Gains`. hledger has no lots: each trade is a conversion at the
 * cash it moved (`@@` total), so the trade balances with no gains posting and the quantities and
 * cash are the same as beancount's. Shares held at the range's start enter as opening lots at
 * their cost where Coffer knows it (FIFO lots of earlier trades, or Plaid's cost basis of a
 * position without trades); shares from before the history Plaid returned get the first known
 * price as a stand-in basis, marked `basis: "unknown"`, so later sales never draw on missing lots.
 */
import { currencyExponent } from '../../../shared/money';
import type { Db } from '../ledger/statements';
import { investmentRows, lotMoves, openingQuantities, type InvestmentRow } from './investment-rows';
import { positionKey, runLots, type Lot } from './lots';

export const OPENING = 'Equity:Opening-Balances';
export const UNMATCHED_TRANSFERS = 'Equity:Transfers';
const GAINS = 'Income:Investments:Capital-Gains';

/** A quantity of a security, priced by the cash it moved. */
export interface Units {
  quantity: number;
  symbol: string;
  currency: string;
  /** The cash the move stands for (≥ 0): hledger's `@@` total, beancount's `{{…}}` lot cost. */
  totalMinor: number;
  /** Set on a reduction: beancount books its lots FIFO (`{}`) and records this price. */
  salePrice: number | null;
  /** The lot's acquisition date (beancount orders FIFO lots by it). */
  lotDate: string | null;
  basisUnknown: boolean;
}

export interface Posting {
  account: string;
  /** null: beancount fills it in (the gain of a sale); hledger balances without the posting. */
  minor: number | null;
  currency: string;
  units?: Units;
  /** beancount fills it in (a move of shares without cash, booked at the lots' cost). */
  beancountInfers?: boolean;
}

export interface Entry {
  date: string;
  payee: string;
  id: string | null;
  postings: Posting[];
}

export interface InvestmentAccount {
  accountId: string;
  /** The journal name of the account; its securities and cash are sub-accounts. */
  name: string;
}

interface Security {
  security_id: string;
  name: string | null;
  ticker: string | null;
  is_cash: number;
}

/** Accounts whose investment data the journal shows as commodities and cash. */
export function investmentAccountIds(db: Db): Set<string> {
  return new Set(
    db
      .prepare(`SELECT account_id FROM holdings UNION SELECT account_id FROM investment_transactions`)
      .pluck()
      .all() as string[],
  );
}

/**
 * A commodity name both tools accept (beancount's rule is the narrower: 2–24 characters of
 * A–Z 0–9 ' . _ -, starting with a letter and ending with a letter or digit), from the ticker,
 * else from the security's name; unique within the file.
 */
export function commodityName(ticker: string | null, name: string | null, taken: Set<string>): string {
  const clean = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9'._-]+/g, '-')
      .replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
  let base = ticker ? clean(ticker) : '';
  if (!/[A-Z0-9]/.test(base)) {
    const words = clean(name ?? '')
      .split(/[^A-Z0-9]+/)
      .filter(Boolean);
    base = '';
    for (const w of words) {
      const longer = base ? `${base}-${w}` : w;
      if (longer.length > 24) break;
      base = longer;
    }
    base ||= 'SECURITY';
  }
  if (!/^[A-Z]/.test(base)) base = `X${base}`;
  if (base.length < 2) base = `${base}-X`;
  base = base.slice(0, 24).replace(/[^A-Z0-9]+$/, '');
  let symbol = base;
  for (let n = 2; taken.has(symbol); n++) symbol = `${base.slice(0, 24 - String(n).length - 1)}-${n}`;
  taken.add(symbol);
  return symbol;
}

/** Shares as exact-enough decimal text: Plaid's quantities are floats; 8 places keep lots whole. */
export function quantityText(quantity: number): string {
  const text = quantity.toFixed(8).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

const toMinor = (value: number, currency: string) => Math.round(value * 10 ** currencyExponent(currency));

function cashCounter(r: InvestmentRow): string {
  const sub = r.subtype.toLowerCase();
  if (r.type === 'fee' || sub.includes('fee')) return 'Expenses:Investments:Fees';
  if (sub.includes('tax')) return 'Expenses:Investments:Taxes';
  if (sub.includes('dividend') || sub.includes('distribution')) return 'Income:Investments:Dividends';
  if (sub.includes('interest')) return 'Income:Investments:Interest';
  if (r.type === 'transfer' || /contribution|deposit|withdrawal|transfer|rollover/.test(sub))
    return UNMATCHED_TRANSFERS;
  return r.amountMinor > 0 ? 'Expenses:Investments:Other' : 'Income:Investments:Other';
}

export class InvestmentJournal {
  private readonly symbols = new Map<string, string>();
  private readonly securities: Map<string, Security>;

  constructor(
    private readonly db: Db,
    private readonly accounts: Map<string, InvestmentAccount>,
    reserved: Iterable<string>,
  ) {
    const taken = new Set(reserved);
    const rows = db
      .prepare(`SELECT security_id, name, ticker, is_cash FROM securities ORDER BY security_id`)
      .all() as Security[];
    this.securities = new Map(rows.map((s) => [s.security_id, s]));
    for (const s of rows)
      if (s.is_cash === 0) this.symbols.set(s.security_id, commodityName(s.ticker, s.name, taken));
  }

  private isCash(securityId: string | null): boolean {
    return securityId === null || (this.securities.get(securityId)?.is_cash ?? 1) === 1;
  }

  private cashAccount(accountId: string): string {
    return `${this.accounts.get(accountId)?.name ?? ''}:Cash`;
  }

  private securityAccount(accountId: string, symbol: string): string {
    return `${this.accounts.get(accountId)?.name ?? ''}:${symbol.replace(/[^A-Za-z0-9]+/g, '-')}`;
  }

  /** The cash and the lots of each account at the end of `date`, as opening entries. */
  openings(date: string): Entry[] {
    const ids = [...this.accounts.keys()];
    const moves = lotMoves(this.db, ids);
    const opening = openingQuantities(this.db, moves);
    const lots = runLots(
      moves.filter((m) => m.date <= date),
      opening,
    );
    const traded = new Set(moves.map((m) => positionKey(m.accountId, m.securityId)));
    const beforeHistory = moves.length ? dayBefore(moves[0].date) : date;
    const holdings = this.db
      .prepare(
        `SELECT h.account_id, h.security_id, h.value_minor, h.cost_basis_minor, h.price, h.currency, s.is_cash
         FROM holdings h JOIN securities s ON s.security_id = h.security_id`,
      )
      .all() as {
      account_id: string;
      security_id: string;
      value_minor: number;
      cost_basis_minor: number | null;
      price: number | null;
      currency: string;
      is_cash: number;
    }[];
    const laterCash = new Map(
      (
        this.db
          .prepare(
            `SELECT account_id, currency, sum(amount_minor) AS later FROM investment_transactions
             WHERE date > ? GROUP BY account_id, currency`,
          )
          .all(date) as { account_id: string; currency: string; later: number }[]
      ).map((r) => [`${r.account_id}\u0000${r.currency}`, r.later]),
    );
    const firstPrice = this.db.prepare(
      `SELECT price FROM investment_transactions WHERE security_id = ? AND price > 0 ORDER BY date LIMIT 1`,
    );

    const entries: Entry[] = [];
    for (const accountId of ids) {
      const postings: Posting[] = [];
      // Cash then = cash now + what left since (Plaid's + amount is cash out).
      const cash = new Map<string, number>();
      for (const h of holdings)
        if (h.account_id === accountId && h.is_cash === 1)
          cash.set(h.currency, (cash.get(h.currency) ?? 0) + h.value_minor);
      for (const [key, later] of laterCash) {
        const [id, currency] = key.split('\u0000');
        if (id === accountId) cash.set(currency, (cash.get(currency) ?? 0) + later);
      }
      for (const [currency, minor] of [...cash].sort())
        if (minor !== 0) postings.push({ account: this.cashAccount(accountId), minor, currency });

      for (const [securityId, symbol] of this.symbols) {
        const key = positionKey(accountId, securityId);
        const held = (lots.get(key) ?? []).filter((l) => l.quantity > 1e-9);
        const holding = holdings.find((h) => h.account_id === accountId && h.security_id === securityId);
        const currency = holding?.currency ?? 'USD';
        for (const lot of held) {
          const known = lot.costMinor ?? (traded.has(key) ? null : (holding?.cost_basis_minor ?? null));
          const price = (firstPrice.pluck().get(securityId) as number | undefined) ?? holding?.price ?? 0;
          const totalMinor = known ?? toMinor(lot.quantity * price, currency);
          postings.push(
            this.lotPosting(accountId, symbol, lot, totalMinor, currency, beforeHistory, known === null),
          );
        }
      }
      const byCurrency = new Map<string, number>();
      for (const p of postings) {
        const currency = p.units?.currency ?? p.currency;
        byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + (p.units?.totalMinor ?? p.minor ?? 0));
      }
      for (const [currency, minor] of byCurrency)
        postings.push({ account: OPENING, minor: -minor, currency });
      if (postings.length) entries.push({ date, payee: 'Opening balance', id: null, postings });
    }
    return entries;
  }

  private lotPosting(
    accountId: string,
    symbol: string,
    lot: Lot,
    totalMinor: number,
    currency: string,
    beforeHistory: string,
    basisUnknown: boolean,
  ): Posting {
    return {
      account: this.securityAccount(accountId, symbol),
      minor: null,
      currency,
      units: {
        quantity: lot.quantity,
        symbol,
        currency,
        totalMinor,
        salePrice: null,
        lotDate: lot.acquired ?? beforeHistory,
        basisUnknown,
      },
    };
  }

  /** The range's investment transactions, oldest first, one entry each. */
  async *entries(range: { dateFrom?: string; dateTo?: string }): AsyncGenerator<Entry[]> {
    const filter = { ...range, accountIds: [...this.accounts.keys()] };
    if (filter.accountIds.length === 0) return;
    for await (const batch of investmentRows(this.db, filter)) yield batch.map((r) => this.entry(r));
  }

  private entry(r: InvestmentRow): Entry {
    const cash = this.cashAccount(r.accountId);
    const postings: Posting[] = [];
    const cashLeg = (minor: number) => {
      if (minor === 0) return;
      postings.push({ account: cash, minor: -minor, currency: r.currency });
      postings.push({ account: cashCounter(r), minor, currency: r.currency });
    };
    const symbol = r.securityId === null ? undefined : this.symbols.get(r.securityId);
    if (this.isCash(r.securityId) || symbol === undefined || Math.abs(r.quantity) < 1e-9) {
      cashLeg(r.amountMinor);
      return { date: r.date, payee: r.name, id: r.id, postings };
    }
    const account = this.securityAccount(r.accountId, symbol);
    const units = (totalMinor: number): Units => ({
      quantity: r.quantity,
      symbol,
      currency: r.currency,
      totalMinor,
      salePrice: r.quantity < 0 ? r.price : null,
      lotDate: null,
      basisUnknown: false,
    });
    const paid = r.quantity > 0 && r.amountMinor > 0;
    const received = r.quantity < 0 && r.amountMinor < 0;
    if (paid) {
      postings.push({ account, minor: null, currency: r.currency, units: units(r.amountMinor) });
      postings.push({ account: cash, minor: -r.amountMinor, currency: r.currency });
    } else if (received) {
      postings.push({ account, minor: null, currency: r.currency, units: units(-r.amountMinor) });
      postings.push({ account: cash, minor: -r.amountMinor, currency: r.currency });
      postings.push({ account: GAINS, minor: null, currency: r.currency });
    } else {
      // Shares that moved without paying for them (a transfer, a distribution): valued at the price.
      const value = Math.max(0, toMinor(Math.abs(r.quantity) * r.price, r.currency));
      postings.push({ account, minor: null, currency: r.currency, units: units(value) });
      postings.push({
        account: UNMATCHED_TRANSFERS,
        minor: r.quantity > 0 ? -value : value,
        currency: r.currency,
        beancountInfers: r.quantity < 0,
      });
      cashLeg(r.amountMinor);
    }
    return { date: r.date, payee: r.name, id: r.id, postings };
  }
}

export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
