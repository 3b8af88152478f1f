/**
 * Category pages and the chart's drill-down seek (issue 7): a category's unsplit rows in list
 * order, by category and by group (split rows, few, are read apart: their parts decide). Rows
 * authorized after they posted are indexed apart (normally none), so a spending-date range can
 * bound the posting date it walks (see queries.ts). Affordable since the first sync builds
 * indexes once at its end (bulk load) instead of row by row.
 */
export default `
  CREATE INDEX transactions_by_category ON transactions (category, date DESC, transaction_id DESC);
  CREATE INDEX transactions_by_group ON transactions (category_group, date DESC, transaction_id DESC);
  CREATE INDEX transactions_authorized_late ON transactions (date DESC, transaction_id DESC)
    WHERE authorized_date > date;
  `;
