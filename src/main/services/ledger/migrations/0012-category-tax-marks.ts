/**
 * Tax marks (issue 15): categories (or category groups) the user counts as deductible or
 * charitable in the yearly tax summary. A mark is the user's, never Plaid's, so it lives apart
 * from the taxonomy and survives every sync.
 */
export default `
  CREATE TABLE category_tax_marks (
    category_id TEXT PRIMARY KEY,
    mark TEXT NOT NULL CHECK (mark IN ('deductible', 'charitable')),
    updated_at TEXT NOT NULL
  ) STRICT;
  `;
