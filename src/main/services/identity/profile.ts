/** The user's profile (name, optional address): one row of user_profile, the user's own words. */
import { PostalAddress, type Profile } from '../../../shared/contract/auth-identity';
import type { Ledger } from '../ledger/ledger';
import { nowIso } from '../ledger/statements';

export function readProfile(ledger: Ledger): Profile | null {
  const row = ledger.db.prepare(`SELECT name, address_json FROM user_profile WHERE id = 1`).get() as
    { name: string; address_json: string | null } | undefined;
  if (!row) return null;
  const address = row.address_json ? PostalAddress.safeParse(JSON.parse(row.address_json)) : null;
  return { name: row.name, address: address?.success ? address.data : null };
}

/** Replaces the profile; null forgets it. */
export function writeProfile(ledger: Ledger, profile: Profile | null): void {
  ledger.write(() => {
    if (!profile) {
      ledger.db.prepare(`DELETE FROM user_profile`).run();
      return;
    }
    ledger.db
      .prepare(
        `INSERT INTO user_profile (id, name, address_json, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, address_json = excluded.address_json,
           updated_at = excluded.updated_at`,
      )
      .run(profile.name, profile.address ? JSON.stringify(profile.address) : null, nowIso());
  });
}
