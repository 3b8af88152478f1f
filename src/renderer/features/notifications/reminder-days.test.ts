import { describe, expect, it } from 'vitest';
import { parseReminderDays } from './NotificationSettings';

describe('reminder days typed in Settings', () => {
  it('reads commas and spaces, drops repeats, and orders them farthest first', () => {
    expect(parseReminderDays('1, 7 3,7')).toEqual([7, 3, 1]);
    expect(parseReminderDays('0')).toEqual([0]);
  });

  it('names what is wrong instead of saving it', () => {
    expect(parseReminderDays('  ')).toMatch(/at least one/);
    expect(parseReminderDays('1,2,3,4,5,6')).toMatch(/At most five/);
    expect(parseReminderDays('-1')).toMatch(/from 0 to 60/);
    expect(parseReminderDays('61')).toMatch(/from 0 to 60/);
    expect(parseReminderDays('2.5')).toMatch(/whole number/);
    expect(parseReminderDays('seven')).toMatch(/whole number/);
  });
});
