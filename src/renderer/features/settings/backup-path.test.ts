import { describe, expect, it } from 'vitest';
import { formatBytes } from './backup-path';

describe('formatBytes', () => {
  it('reads as a person would say it', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024)).toBe('250 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
