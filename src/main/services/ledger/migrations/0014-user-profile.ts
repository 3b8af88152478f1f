/**
 * The user's own name and, if they give it, address (issue 16): what Identity's owners are checked
 * against. Entered by the user, never Plaid's; one row.
 */
export default `
  CREATE TABLE user_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    address_json TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  `;
