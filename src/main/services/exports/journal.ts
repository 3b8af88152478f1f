/**
 * Plain-text accounting: an hledger journal or a beancount file of the posted transactions of a
 * range. Each bank account is an Assets (or, for cards and loans, Liabilities) account; each
 * transaction posts its amount there and, per split part, to an Income or Expenses account named
 * after its category. A detected transfer between two exported accounts is one transaction
 * between them. The opening balance of each account at the range's start is derived from the
 * stored balance (Plaid's current balance at the last sync) less the posted rows since, so the
 * journal's balances equal Coffer's; where that snapshot's date falls in the range it is also
 * written as a balance assertion, which the checkers verify.
 *
 * Pending rows are left out: Plaid's current balance counts posted rows only. Declarations
 * (accounts, commodities) and assertions come last: both tools read them wherever they stand,
 * and the file is written in one pass.
 */
import { currencyExponent } from '../../../shared/money';
import type { Db } from '../ledger/statements';
import { categoryName } from '../transactions/categories';
import type { FileSink } from './atomic-file';
import type { Progress } from './transactions-csv';
import {
  dayBefore,
  InvestmentJournal,
  investmentAccountIds,
  OPENING,
  quantityText,
  UNMATCHED_TRANSFERS,
  type Entry,
  type Posting,
  type Units,
} from './journal-investments';
import { exportRows, type ExportFilter, type ExportRow } from './transaction-rows';

export type JournalFormat = 'hledger' | 'beancount';

interface AccountRow {
  account_id: string;
  name: string;
  mask: string | null;
  type: string;
  currency: string;
  current_minor: number | null;
  updated_at: string;
  institution_name: string;
}

/** One account-name component both tools accept: starts with a capital or digit, then letters, digits, dashes. */
export function component(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!words) return 'X';
  return words[0].toUpperCase() + words.slice(1);
}

/** Exact decimal text of minor units (never through floating point). */
export function decimal(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const digits = Math.abs(minor)
    .toString()
    .padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : `.${digits.slice(-exp)}`;
  return `${minor < 0 ? '-' : ''}${whole}${frac}`;
}

function isLiability(type: string): boolean {
  return type === 'credit' || type === 'loan';
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function accountNames(accounts: AccountRow[]): Map<string, string> {
  const base = (a: AccountRow) =>
    `${isLiability(a.type) ? 'Liabilities' : 'Assets'}:${component(a.institution_name)}:${component(
      a.mask ? `${a.name} ${a.mask}` : a.name,
    )}`;
  const counts = new Map<string, number>();
  for (const a of accounts) counts.set(base(a), (counts.get(base(a)) ?? 0) + 1);
  return new Map(
    accounts.map((a) => {
      const name = base(a);
      return [a.account_id, (counts.get(name) ?? 0) > 1 ? `${name}-${component(a.account_id)}` : name];
    }),
  );
}

/** Balance in journal sign (liabilities negative) at the end of `date`: the snapshot less later posted rows. */
function balancesAfter(db: Db, date: string | null): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT account_id, sum(amount_minor) AS later FROM transactions
       WHERE pending = 0 AND (@date IS NULL OR date > @date) GROUP BY account_id`,
    )
    .all({ date }) as { account_id: string; later: number }[];
  return new Map(rows.map((r) => [r.account_id, r.later]));
}

function signedCurrent(a: AccountRow): number {
  return isLiability(a.type) ? -(a.current_minor ?? 0) : (a.current_minor ?? 0);
}

/** hledger reads a bare commodity symbol of letters only; anything else is quoted. */
function hledgerCommodity(symbol: string): string {
  return /^[A-Za-z]+$/.test(symbol) ? symbol : `"${symbol}"`;
}

class JournalWriter {
  readonly used = new Set<string>();
  readonly currencies = new Set<string>();
  readonly symbols = new Set<string>();
  /** Accounts holding securities: beancount books their lots first-in-first-out. */
  readonly lotAccounts = new Set<string>();

  constructor(readonly format: JournalFormat) {}

  private text(value: string): string {
    const flat = value.replace(/[\r\n\t]+/g, ' ').trim();
    return this.format === 'beancount'
      ? `"${flat.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
      : flat.replace(/[;|]/g, ',');
  }

  transaction(
    date: string,
    payee: string,
    narration: string | null,
    id: string | null,
    postings: Posting[],
  ): string {
    for (const p of postings) {
      this.used.add(p.account);
      this.currencies.add(p.currency);
      if (p.units) {
        this.symbols.add(p.units.symbol);
        this.lotAccounts.add(p.account);
      }
    }
    const lines: string[] = [];
    if (this.format === 'beancount') {
      lines.push(`${date} * ${this.text(payee)} ${this.text(narration ?? '')}`);
      if (id !== null) lines.push(`  coffer-id: ${this.text(id)}`);
    } else {
      const note = narration ? ` | ${this.text(narration)}` : '';
      lines.push(
        `${date} * ${this.text(payee)}${note}${id !== null ? `  ; coffer-id:${id.replace(/[\s,]/g, '')}` : ''}`,
      );
    }
    for (const p of postings) {
      const line = this.posting(p);
      if (line !== null) lines.push(line);
    }
    return `${lines.join('\n')}\n\n`;
  }

  /** Writes a group of entries (the investment side: openings, trades). */
  entries(entries: readonly Entry[]): string {
    return entries.map((e) => this.transaction(e.date, e.payee, null, e.id, e.postings)).join('');
  }

  private symbol(units: Units): string {
    return this.format === 'hledger' ? hledgerCommodity(units.symbol) : units.symbol;
  }

  private posting(p: Posting): string | null {
    if (p.units) {
      const u = p.units;
      const shares = `${quantityText(u.quantity)} ${this.symbol(u)}`;
      const total = `${decimal(u.totalMinor, u.currency)} ${u.currency}`;
      if (this.format === 'hledger')
        return `  ${p.account}  ${shares} @@ ${total}${u.basisUnknown ? '  ; basis unknown' : ''}`;
      const lot =
        u.salePrice !== null
          ? `{} @ ${quantityText(u.salePrice)} ${u.currency}`
          : `{{${total}${u.lotDate ? `, ${u.lotDate}` : ''}}}`;
      return `  ${p.account}  ${shares} ${lot}${u.basisUnknown ? '\n    basis: "unknown"' : ''}`;
    }
    if (p.minor === null) return this.format === 'beancount' ? `  ${p.account}` : null;
    if (p.beancountInfers && this.format === 'beancount') return `  ${p.account}`;
    return `  ${p.account}  ${decimal(p.minor, p.currency)} ${p.currency}`;
  }

  assertion(date: string, account: string, minor: number, currency: string): string {
    this.used.add(account);
    this.currencies.add(currency);
    const amount = `${decimal(minor, currency)} ${currency}`;
    // beancount checks a balance at the start of its day; hledger after the postings before it.
    return this.format === 'beancount'
      ? `${dayAfter(date)} balance ${account}  ${amount}\n`
      : `${date} * Balance from Coffer's last sync\n  ${account}  0 ${currency} = ${amount}\n\n`;
  }

  declarations(openDate: string): string {
    const accounts = [...this.used].sort();
    const currencies = [...this.currencies].sort();
    const symbols = [...this.symbols].sort();
    if (this.format === 'beancount')
      return [
        ...[...currencies, ...symbols].map((c) => `${openDate} commodity ${c}`),
        ...accounts.map((a) => `${openDate} open ${a}${this.lotAccounts.has(a) ? ' "FIFO"' : ''}`),
        '',
      ].join('\n');
    return [
      ...currencies.map((c) => `commodity ${decimal(10 ** (currencyExponent(c) + 3), c)} ${c}`),
      ...symbols.map((c) => `commodity ${hledgerCommodity(c)}`),
      ...accounts.map((a) => `account ${a}`),
      '',
    ].join('\n');
  }
}

/** The Income or Expenses account of a row's category, built once per category. */
function categoryAccounts(db: Db): (row: ExportRow) => string {
  const names = new Map<string, string>();
  const accounts = new Map<string, string>();
  return (row) => {
    const key =
      row.categoryId === null ? String(row.amountMinor < 0) : `${row.categoryId}\u0000${row.categoryGroup}`;
    let account = accounts.get(key);
    if (account === undefined) {
      account = categoryAccount(db, row, names);
      accounts.set(key, account);
    }
    return account;
  };
}

function categoryAccount(db: Db, row: ExportRow, names: Map<string, string>): string {
  if (row.categoryId === null) return row.amountMinor < 0 ? 'Income:Uncategorized' : 'Expenses:Uncategorized';
  const group = row.categoryGroup ?? row.categoryId;
  const leaf = component(row.categoryName ?? row.categoryId);
  if (group === 'INCOME') return group === row.categoryId ? 'Income:Other' : `Income:${leaf}`;
  const groupName = component(categoryName(db, group, names) ?? group);
  return group === row.categoryId ? `Expenses:${groupName}` : `Expenses:${groupName}:${leaf}`;
}

export async function writeJournal(
  db: Db,
  filter: ExportFilter,
  format: JournalFormat,
  sink: FileSink,
  progress: Progress,
): Promise<number> {
  const posted: ExportFilter = { ...filter, pending: false, categories: undefined, tags: undefined };
  const allAccounts = db
    .prepare(
      `SELECT a.account_id, a.name, a.mask, a.type, a.currency, a.current_minor, a.updated_at, i.institution_name
       FROM accounts a JOIN items i ON i.item_id = a.item_id ORDER BY i.institution_name, a.name, a.account_id`,
    )
    .all() as AccountRow[];
  const names = accountNames(allAccounts);
  const exported = filter.accountIds?.length
    ? allAccounts.filter((a) => filter.accountIds?.includes(a.account_id))
    : allAccounts;
  const withInvestments = investmentAccountIds(db);
  const investments = new Map(
    exported
      .filter((a) => withInvestments.has(a.account_id))
      .map((a) => [a.account_id, { accountId: a.account_id, name: names.get(a.account_id) ?? '' }]),
  );
  const banking = exported.filter((a) => !investments.has(a.account_id));
  const exportedIds = new Set(banking.map((a) => a.account_id));
  const first = (
    db
      .prepare(
        `SELECT min(d) AS d FROM (
           SELECT min(date) AS d FROM transactions WHERE pending = 0 AND (@from IS NULL OR date >= @from)
           UNION ALL SELECT min(date) FROM investment_transactions WHERE @from IS NULL OR date >= @from)`,
      )
      .get({ from: filter.dateFrom ?? null }) as { d: string | null }
  ).d;
  const start = filter.dateFrom ?? first ?? new Date().toISOString().slice(0, 10);
  const end = filter.dateTo ?? '9999-12-31';
  const openDate = dayBefore(start);
  const writer = new JournalWriter(format);
  const categoryOf = categoryAccounts(db);

  sink.write(
    format === 'beancount'
      ? `; Exported by Coffer. Amounts: positive = money into the account.\noption "title" "Coffer export"\n\n`
      : `; Exported by Coffer. Amounts: positive = money into the account.\n\n`,
  );

  const trades = new InvestmentJournal(
    db,
    investments,
    allAccounts.map((a) => a.currency),
  );
  sink.write(writer.entries(trades.openings(openDate)));

  const inRange = new Map<string, number>();
  const within = (date: string) => date >= start && date <= end;
  const written = new Set<string>();
  let rows = 0;
  let entries = 0;
  let split: { row: ExportRow; postings: Posting[] } | null = null;
  const flushSplit = () => {
    if (split === null) return;
    const { row, postings } = split;
    const total = postings.reduce((sum, p) => sum + (p.minor ?? 0), 0);
    postings.unshift({ account: names.get(row.accountId) ?? '', minor: -total, currency: row.currency });
    sink.write(writer.transaction(row.date, row.merchant ?? row.name, null, row.transactionId, postings));
    entries++;
    split = null;
  };
  for await (const batch of exportRows(db, posted)) {
    for (const row of batch) {
      // An investment account's cash moves are its investment transactions, below.
      if (investments.has(row.accountId)) continue;
      inRange.set(row.accountId, (inRange.get(row.accountId) ?? 0) + row.amountMinor);
      const account = names.get(row.accountId) ?? '';
      if (row.splitPart !== null) {
        if (split !== null && split.row.transactionId !== row.transactionId) flushSplit();
        split ??= { row, postings: [] };
        split.postings.push({
          account: categoryOf(row),
          minor: row.amountMinor,
          currency: row.currency,
        });
        continue;
      }
      flushSplit();
      if (written.delete(row.transactionId)) continue;
      let counter: string;
      if (row.transfer) {
        const pair = row.pair;
        const paired = pair !== null && !pair.pending && within(pair.date) && exportedIds.has(pair.accountId);
        counter = paired ? (names.get(pair.accountId) ?? UNMATCHED_TRANSFERS) : UNMATCHED_TRANSFERS;
        if (paired) written.add(pair.transactionId);
      } else counter = categoryOf(row);
      sink.write(
        writer.transaction(row.date, row.merchant ?? row.name, row.note, row.transactionId, [
          { account, minor: -row.amountMinor, currency: row.currency },
          { account: counter, minor: row.amountMinor, currency: row.currency },
        ]),
      );
      entries++;
    }
    flushSplit();
    rows += batch.length;
    progress(rows);
    await sink.flush();
  }

  // Each bank account's balance at the range's start: the snapshot less every posted row since,
  // those in the range summed as they were written (no second pass over them).
  const later = balancesAfter(db, end);
  for (const [id, minor] of inRange) later.set(id, (later.get(id) ?? 0) + minor);
  for (const a of banking) {
    if (a.current_minor === null) continue;
    const opening = signedCurrent(a) + (later.get(a.account_id) ?? 0);
    const account = names.get(a.account_id) ?? '';
    writer.used.add(account);
    if (opening === 0) continue;
    sink.write(
      writer.transaction(openDate, 'Opening balance', null, null, [
        { account, minor: opening, currency: a.currency },
        { account: OPENING, minor: -opening, currency: a.currency },
      ]),
    );
  }

  for await (const batch of trades.entries({ dateFrom: start, dateTo: filter.dateTo })) {
    sink.write(writer.entries(batch));
    entries += batch.length;
    await sink.flush();
  }

  for (const a of banking) {
    if (a.current_minor === null) continue;
    const snapshot = a.updated_at.slice(0, 10);
    if (!within(snapshot)) continue;
    const after = balancesAfter(db, snapshot).get(a.account_id) ?? 0;
    sink.write(
      writer.assertion(snapshot, names.get(a.account_id) ?? '', signedCurrent(a) + after, a.currency),
    );
  }
  sink.write(`\n${writer.declarations(openDate)}`);
  return entries;
}
