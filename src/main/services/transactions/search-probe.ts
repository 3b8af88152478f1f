/**
 * A page of a search read from the newest rows instead of from every match. Reading a word's
 * matches out of the ledger's FTS index costs what the word matches: a prefix such as "c" or
 * "co", typed on the way to "coffee", merges the posting lists of every word it starts and takes
 * hundreds of milliseconds at a million rows, while the page needs only its 200 newest matches.
 *
 * So the rows the list would show are walked newest first, a chunk at a time, and put in a small
 * FTS table of the connection built like the ledger's (same columns, same tokenizer, read from the
 * ledger's own definition), where the search is matched: the same words match the same rows. The
 * walk stops once the page is full; a word too rare to fill a page from the newest rows gives up
 * (null), and the caller reads its matches from the ledger's index, which is then cheap.
 */
import { stmt, type Db } from '../ledger/statements';
import { writingTempOnly } from '../ledger/ledger-memo';

type Params = Record<string, string | number>;

const PROBE = 'temp.coffer_search_probe';
const COLUMNS = 'custom_name, name, merchant_name, note, category';

/** The first chunk: a word common enough to be worth probing fills a page from it. */
const FIRST_CHUNK = 1024;
/**
 * The most rows walked: tokenizing a row costs about what reading a few of a word's postings
 * costs, so past this a word matches few enough rows that its index is the cheaper read.
 */
const MOST_WALKED = 4096;

const tokenizers = new WeakMap<Db, string>();

/** The ledger index's tokenizer clause, so the probe splits and folds words exactly as it does. */
function ledgerTokenizer(db: Db): string {
  let clause = tokenizers.get(db);
  if (clause === undefined) {
    const sql = stmt(db, `SELECT sql FROM sqlite_schema WHERE name = 'transactions_fts'`).pluck().get() as
      string | undefined;
    const found = sql === undefined ? null : /tokenize\s*=\s*('(?:[^']|'')*')/i.exec(sql);
    if (!found) throw new Error('The ledger has no full-text index of transactions');
    clause = found[1];
    tokenizers.set(db, clause);
  }
  return clause;
}

/**
 * The rowids of the first `want` rows in list order (the date index, walked newest first) that
 * satisfy `terms` (over alias t, with `params`: the rest of the filter and the page's window) and match the FTS query `fts`; all of
 * them when fewer exist. Null when the word is too rare among the newest rows to be worth it.
 */
export function probeSearch(
  db: Db,
  fts: string,
  terms: readonly string[],
  params: Params,
  want: number,
): number[] | null {
  if (db.inTransaction) return null;
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${PROBE} USING fts5 (${COLUMNS}, content = '',
      tokenize = ${ledgerTokenizer(db)}, detail = none, columnsize = 0)`,
  );
  const found: number[] = [];
  let walked = 0;
  let chunk = FIRST_CHUNK;
  let from: { date: string; id: string } | null = null;
  return writingTempOnly(db, () => {
    for (;;) {
      const where = [...terms, ...(from ? ['(t.date, t.transaction_id) < (@probeDate, @probeId)'] : [])];
      const rowids = stmt(
        db,
        `SELECT t.rowid FROM transactions t INDEXED BY transactions_newest
         ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY t.date DESC, t.transaction_id DESC LIMIT @probeChunk`,
      )
        .pluck()
        .all({
          ...params,
          probeChunk: chunk,
          probeDate: from?.date ?? '',
          probeId: from?.id ?? '',
        }) as number[];
      const matched = db.transaction(() => {
        stmt(db, `INSERT INTO ${PROBE} (${PROBE.slice(5)}) VALUES ('delete-all')`).run();
        stmt(
          db,
          `INSERT INTO ${PROBE} (rowid, ${COLUMNS}) SELECT rowid, ${COLUMNS} FROM transactions
           WHERE rowid IN (SELECT value FROM json_each(?))`,
        ).run(JSON.stringify(rowids));
        return new Set(
          stmt(db, `SELECT rowid FROM ${PROBE} WHERE ${PROBE.slice(5)} MATCH ?`)
            .pluck()
            .all(fts) as number[],
        );
      })();
      for (const rowid of rowids) {
        if (!matched.has(rowid)) continue;
        found.push(rowid);
        if (found.length === want) return found;
      }
      walked += rowids.length;
      if (rowids.length < chunk) return found;
      // Rows still to walk at the density seen so far; a word not seen at all counts as one match.
      const ahead = Math.ceil(((want - found.length) * walked) / Math.max(found.length, 1));
      if (walked + ahead > MOST_WALKED) return null;
      chunk = Math.min(MOST_WALKED - walked, Math.max(chunk, Math.ceil(ahead * 1.25)));
      const last = stmt(db, `SELECT date, transaction_id AS id FROM transactions WHERE rowid = ?`).get(
        rowids[rowids.length - 1],
      ) as { date: string; id: string };
      from = last;
    }
  });
}
