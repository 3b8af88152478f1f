/** A due date relative to today, as the payments list and the dashboard say it. */
export function whenDue(days: number): string {
  if (days === 0) return 'due today';
  if (days === 1) return 'due tomorrow';
  return days > 0 ? `due in ${days} days` : `${-days} days overdue`;
}
