import { describe, expect, it } from 'vitest';
import { defaultBackupPath, formatBytes, isAbsolutePath } from './backup-path';

describe('defaultBackupPath', () => {
  const now = new Date(2026, 10, 5, 9, 7);

  it('puts a dated file in the data dir', () => {
    expect(defaultBackupPath('/home/ana/.coffer', 'demo', now)).toBe(
      '/home/ana/.coffer/coffer-demo-2026-11-05-0907.cofferbackup',
    );
    expect(defaultBackupPath('/home/ana/.coffer/', 'sandbox', now)).toBe(
      '/home/ana/.coffer/coffer-sandbox-2026-11-05-0907.cofferbackup',
    );
  });

  it('keeps Windows separators and the root', () => {
    expect(defaultBackupPath('C:\\Users\\ana\\Coffer\\', 'production', now)).toBe(
      'C:\\Users\\ana\\Coffer\\coffer-production-2026-11-05-0907.cofferbackup',
    );
    expect(defaultBackupPath('/', 'demo', now)).toBe('/coffer-demo-2026-11-05-0907.cofferbackup');
  });

  it('suggests a path the contract accepts', () => {
    expect(isAbsolutePath(defaultBackupPath('/tmp/x', 'demo', now))).toBe(true);
    expect(isAbsolutePath('backup.cofferbackup')).toBe(false);
    expect(isAbsolutePath('D:/b.cofferbackup')).toBe(true);
  });
});

describe('formatBytes', () => {
  it('reads as a person would say it', () => {
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024)).toBe('250 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
