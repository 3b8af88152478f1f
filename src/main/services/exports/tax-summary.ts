/**
 * The yearly tax summary: loan interest from the liabilities Plaid reported, dividends, interest,
 * capital gains realised by first-in-first-out lots, fees, and the totals of the categories the
 * user marked deductible or charitable. One CSV: for each figure a total line per currency
 * (currencies are never added together) saying where it comes from and whether it is an
 * estimate, then the rows behind it, each naming the figure. A split counts by its parts, so a
 * part under a marked category counts alone. Transfers between the user's own accounts are not
 * income or expenses and never count.
 */
import { LiabilityDetail, type LiabilityKind } from '../../../shared/contract/liabilities';
import type { TaxMark } from '../../../shared/contract/exports';
import { fromMinor } from '../../../shared/money';
import { nowIso, type Db } from '../ledger/statements';
import { classify } from '../portfolio/kinds';
import type { FileSink } from './atomic-file';
import { investmentRows, lotMoves, openingQuantities, type InvestmentRow } from './investment-rows';
import { runLots, type SalePart } from './lots';
import { csvText, type Progress } from './transactions-csv';
import { exportRows, type ExportFilter, type ExportRow } from './transaction-rows';

export function listTaxMarks(db: Db): { categoryId: string; mark: TaxMark }[] {
  return (
    db.prepare(`SELECT category_id, mark FROM category_tax_marks ORDER BY category_id`).all() as {
      category_id: string;
      mark: TaxMark;
    }[]
  ).map((r) => ({ categoryId: r.category_id, mark: r.mark }));
}

/** null clears the mark. */
export function setTaxMark(db: Db, categoryId: string, mark: TaxMark | null): void {
  if (mark === null) db.prepare(`DELETE FROM category_tax_marks WHERE category_id = ?`).run(categoryId);
  else
    db.prepare(
      `INSERT INTO category_tax_marks (category_id, mark, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (category_id) DO UPDATE SET mark = excluded.mark, updated_at = excluded.updated_at`,
    ).run(categoryId, mark, nowIso());
}

/** One row behind a figure; amount positive = counts toward it, null = no figure available. */
interface Behind {
  id: string | null;
  date: string | null;
  account: string | null;
  name: string | null;
  detail: string | null;
  amountMinor: number | null;
  currency: string | null;
  estimate: boolean;
}

interface Figure {
  name: string;
  source: string;
}

export const FIGURES = {
  mortgage: {
    name: 'mortgage interest',
    source: "liabilities: Plaid's year-to-date interest paid of each mortgage",
  },
  student: {
    name: 'student-loan interest',
    source: "liabilities: Plaid's year-to-date interest paid of each student loan",
  },
  ordinary: {
    name: 'ordinary dividends',
    source: 'investment transactions: every dividend, qualified ones included (as on a 1099-DIV)',
  },
  qualified: {
    name: 'qualified dividends',
    source: "investment transactions Plaid's subtype calls qualified dividend",
  },
  distributions: {
    name: 'capital gain distributions',
    source: 'investment transactions: long-term capital gain distributions',
  },
  interest: {
    name: 'interest income',
    source: 'bank transactions in the category Interest earned, and interest in investment accounts',
  },
  shortTerm: {
    name: 'short-term capital gains',
    source: 'sales matched to first-in-first-out lots held one year or less (proceeds less cost)',
  },
  longTerm: {
    name: 'long-term capital gains',
    source: 'sales matched to first-in-first-out lots held more than one year (proceeds less cost)',
  },
  unknownBasis: {
    name: 'sales with basis unknown',
    source: 'proceeds of shares bought before the history Plaid returned (or received without cash)',
  },
  fees: {
    name: 'fees',
    source: 'bank transactions in the Bank fees group, investment fees and the fees of trades',
  },
  deductible: { name: 'deductible', source: 'transactions in the categories you marked deductible' },
  charitable: { name: 'charitable', source: 'transactions in the categories you marked charitable' },
} as const satisfies Record<string, Figure>;

type FigureKey = keyof typeof FIGURES;

const markOf = (row: ExportRow, marks: Map<string, TaxMark>) =>
  (row.categoryId !== null ? marks.get(row.categoryId) : undefined) ??
  (row.categoryGroup !== null ? marks.get(row.categoryGroup) : undefined);

export const TAX_COLUMNS = [
  'figure',
  'line',
  'source',
  'id',
  'date',
  'account',
  'name',
  'detail',
  'amount (positive = counts toward the figure)',
  'currency',
  'estimate',
] as const;

const ORDINARY = new Set([
  'dividend',
  'qualified dividend',
  'non-qualified dividend',
  'dividend reinvestment',
  'short-term capital gain',
  'short-term capital gain reinvestment',
  'unqualified gain',
]);
const DISTRIBUTIONS = new Set(['long-term capital gain', 'long-term capital gain reinvestment']);

function bankRow(row: ExportRow, direction: 1 | -1): Behind {
  return {
    id: row.splitPart === null ? row.transactionId : `${row.transactionId}/${row.splitPart}`,
    date: row.date,
    account: row.accountName,
    name: row.name,
    detail: row.categoryName,
    amountMinor: -direction * row.amountMinor,
    currency: row.currency,
    estimate: false,
  };
}

function investmentRow(row: InvestmentRow, amountMinor: number, detail: string): Behind {
  return {
    id: row.id,
    date: row.date,
    account: row.accountName,
    name: row.securityName ?? row.name,
    detail,
    amountMinor,
    currency: row.currency,
    estimate: false,
  };
}

/** What the tax year is: the range's last day's year (a year export is one calendar year). */
function taxYear(filter: ExportFilter): string {
  return (filter.dateTo ?? filter.dateFrom ?? nowIso()).slice(0, 4);
}

function liabilityRows(db: Db, filter: ExportFilter, kind: LiabilityKind): Behind[] {
  const year = taxYear(filter);
  const rows = db
    .prepare(
      `SELECT l.account_id, a.name, l.currency, l.detail_json, l.updated_at FROM liabilities l
       JOIN accounts a ON a.account_id = l.account_id WHERE l.kind = ? ORDER BY a.name, l.account_id`,
    )
    .all(kind) as {
    account_id: string;
    name: string;
    currency: string;
    detail_json: string;
    updated_at: string;
  }[];
  return rows
    .filter((r) => !filter.accountIds?.length || filter.accountIds.includes(r.account_id))
    .map((r) => {
      const parsed = LiabilityDetail.safeParse(JSON.parse(r.detail_json));
      const detail = parsed.success ? parsed.data : null;
      const ytd = detail && detail.kind !== 'credit' ? detail.ytdInterestMinor : null;
      const snapshot = r.updated_at.slice(0, 10);
      const base = { id: r.account_id, date: snapshot, account: r.name, name: r.name, currency: r.currency };
      if (snapshot.slice(0, 4) !== year)
        return {
          ...base,
          detail: `No snapshot from ${year}: the last one (${snapshot}) counts ${snapshot.slice(0, 4)}'s interest. Use the lender's statement (Form 1098/1098-E).`,
          amountMinor: null,
          estimate: true,
        };
      if (ytd === null)
        return {
          ...base,
          detail: `Plaid reported no year-to-date interest on ${snapshot}.`,
          amountMinor: null,
          estimate: true,
        };
      const nearEnd = snapshot >= `${year}-12-15`;
      return {
        ...base,
        detail: nearEnd
          ? `Plaid's year-to-date interest paid as of ${snapshot}`
          : `Estimate: Plaid's year-to-date interest paid as of ${snapshot}; interest paid after that day is missing.`,
        amountMinor: ytd,
        estimate: !nearEnd,
      };
    });
}

function shares(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

function gainRow(part: SalePart, accounts: Map<string, string>, securities: Map<string, string>): Behind {
  const { sale } = part;
  const money = (minor: number) => `${fromMinor(minor, sale.currency)} ${sale.currency}`;
  const held =
    part.acquired === null
      ? 'acquired before the history Plaid returned (cost unknown)'
      : part.costMinor === null
        ? `received ${part.acquired} without cash (cost unknown)`
        : `acquired ${part.acquired} for ${money(part.costMinor)}`;
  return {
    id: `${sale.id}/${part.part}`,
    date: sale.date,
    account: accounts.get(sale.accountId) ?? sale.accountId,
    name: securities.get(sale.securityId) ?? sale.securityId,
    detail: `${shares(part.quantity)} shares ${held}; sold for ${money(part.proceedsMinor)}`,
    amountMinor: part.costMinor === null ? part.proceedsMinor : part.proceedsMinor - part.costMinor,
    currency: sale.currency,
    estimate: false,
  };
}

function realisedGains(db: Db, filter: ExportFilter, add: (key: FigureKey, row: Behind) => void): void {
  const accounts = new Map(
    (db.prepare(`SELECT account_id, name FROM accounts`).all() as { account_id: string; name: string }[]).map(
      (a) => [a.account_id, a.name],
    ),
  );
  const securities = new Map(
    (
      db.prepare(`SELECT security_id, coalesce(name, ticker, security_id) AS name FROM securities`).all() as {
        security_id: string;
        name: string;
      }[]
    ).map((s) => [s.security_id, s.name]),
  );
  const moves = lotMoves(db, undefined);
  const inRange = (date: string) =>
    (!filter.dateFrom || date >= filter.dateFrom) && (!filter.dateTo || date <= filter.dateTo);
  runLots(
    moves.filter((m) => !filter.dateTo || m.date <= filter.dateTo),
    openingQuantities(db, moves),
    (part) => {
      if (!inRange(part.sale.date)) return;
      if (filter.accountIds?.length && !filter.accountIds.includes(part.sale.accountId)) return;
      const key = part.costMinor === null ? 'unknownBasis' : part.longTerm ? 'longTerm' : 'shortTerm';
      add(key, gainRow(part, accounts, securities));
    },
  );
}

/** Writes the summary; returns the number of rows listed under the figures. */
export async function writeTaxSummary(
  db: Db,
  filter: ExportFilter,
  sink: FileSink,
  progress: Progress,
): Promise<number> {
  const marks = new Map(listTaxMarks(db).map((m) => [m.categoryId, m.mark]));
  const behind = new Map<FigureKey, Behind[]>(Object.keys(FIGURES).map((k) => [k as FigureKey, []]));
  const add = (key: FigureKey, row: Behind) => behind.get(key)?.push(row);
  for (const row of liabilityRows(db, filter, 'mortgage')) add('mortgage', row);
  for (const row of liabilityRows(db, filter, 'student')) add('student', row);

  let read = 0;
  for await (const batch of exportRows(db, { ...filter, pending: false })) {
    for (const row of batch) {
      if (row.transfer) continue;
      if (row.categoryId === 'INCOME_INTEREST_EARNED') add('interest', bankRow(row, 1));
      if (row.categoryGroup === 'BANK_FEES') add('fees', bankRow(row, -1));
      const mark = markOf(row, marks);
      if (mark) add(mark, bankRow(row, -1));
    }
    read += batch.length;
    progress(read);
    await sink.flush();
  }
  for await (const batch of investmentRows(db, filter)) {
    for (const row of batch) {
      const { kind, label } = classify(row.type, row.subtype);
      if (kind === 'cancel') continue;
      if (ORDINARY.has(row.subtype)) {
        add('ordinary', investmentRow(row, -row.amountMinor, label));
        if (row.subtype === 'qualified dividend')
          add('qualified', investmentRow(row, -row.amountMinor, label));
      } else if (DISTRIBUTIONS.has(row.subtype))
        add('distributions', investmentRow(row, -row.amountMinor, label));
      else if (kind === 'interest') add('interest', investmentRow(row, -row.amountMinor, label));
      else if (kind === 'fee') add('fees', investmentRow(row, row.amountMinor, label));
      if (kind !== 'fee' && row.feesMinor)
        add('fees', investmentRow(row, row.feesMinor, `fees of: ${label}`));
    }
    read += batch.length;
    progress(read);
    await sink.flush();
  }
  realisedGains(db, filter, add);

  const lines: (string | number | boolean | null)[][] = [];
  let listed = 0;
  for (const [key, rows] of behind) {
    const figure = FIGURES[key];
    const totals = new Map<string, { minor: number; estimate: boolean }>();
    for (const r of rows) {
      if (r.currency === null) continue;
      const total = totals.get(r.currency) ?? { minor: 0, estimate: false };
      total.minor += r.amountMinor ?? 0;
      total.estimate ||= r.estimate;
      totals.set(r.currency, total);
    }
    const estimate = rows.some((r) => r.estimate);
    if (totals.size === 0)
      lines.push([figure.name, 'total', figure.source, null, null, null, null, null, 0, null, estimate]);
    for (const [currency, total] of [...totals].sort(([a], [b]) => a.localeCompare(b)))
      lines.push([
        figure.name,
        'total',
        figure.source,
        null,
        null,
        null,
        null,
        null,
        fromMinor(total.minor, currency),
        currency,
        total.estimate,
      ]);
    for (const r of rows)
      lines.push([
        figure.name,
        'row',
        null,
        r.id,
        r.date,
        r.account,
        r.name,
        r.detail,
        r.amountMinor === null || r.currency === null ? null : fromMinor(r.amountMinor, r.currency),
        r.currency,
        r.estimate,
      ]);
    listed += rows.length;
  }
  sink.write(csvText(lines, TAX_COLUMNS, { bom: false }));
  return listed;
}
