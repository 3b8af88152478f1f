import { describe, expect, it } from 'vitest';
import { updatedAgo } from './relative-time';

const now = Date.parse('2025-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('updatedAgo', () => {
  it('says never synced before the first sync', () => {
    expect(updatedAgo(null, now)).toBe('never synced');
  });

  it('counts minutes, hours and days with the right plural', () => {
    expect(updatedAgo(ago(10_000), now)).toBe('updated just now');
    expect(updatedAgo(ago(60_000), now)).toBe('updated 1 minute ago');
    expect(updatedAgo(ago(5 * 60_000 + 59_000), now)).toBe('updated 5 minutes ago');
    expect(updatedAgo(ago(60 * 60_000), now)).toBe('updated 1 hour ago');
    expect(updatedAgo(ago(5 * 3600_000), now)).toBe('updated 5 hours ago');
    expect(updatedAgo(ago(49 * 3600_000), now)).toBe('updated 2 days ago');
  });

  it('reads a timestamp slightly in the future as just now', () => {
    expect(updatedAgo(new Date(now + 5_000).toISOString(), now)).toBe('updated just now');
  });
});
