const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "updated 5 minutes ago" for an Item's last sync; "never synced" before its first. */
export function updatedAgo(lastSyncedAt: string | null, now: number): string {
  if (lastSyncedAt === null) return 'never synced';
  const at = Date.parse(lastSyncedAt);
  if (Number.isNaN(at)) return 'never synced';
  // A clock slightly ahead of ours still reads as "just now", never as a negative age.
  const age = Math.max(0, now - at);
  if (age < MINUTE) return 'updated just now';
  if (age < HOUR) return `updated ${plural(Math.floor(age / MINUTE), 'minute')} ago`;
  if (age < DAY) return `updated ${plural(Math.floor(age / HOUR), 'hour')} ago`;
  return `updated ${plural(Math.floor(age / DAY), 'day')} ago`;
}
