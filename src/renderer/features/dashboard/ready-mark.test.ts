import { describe, expect, it } from 'vitest';
import { readiness } from './ready-mark';

describe('readiness', () => {
  it('fires once, when the last tile reports, whatever the order and repeats', () => {
    let fired = 0;
    const report = readiness(['a', 'b', 'c'], () => fired++);
    report('b');
    report('b');
    report('a');
    expect(fired).toBe(0);
    report('c');
    report('a');
    expect(fired).toBe(1);
  });
});
