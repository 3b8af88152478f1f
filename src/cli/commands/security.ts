/**
 * Security commands: the recovery key, unlocking a ledger whose keychain entry is lost, and
 * encrypted backups. Recovery keys may come from stdin (`--recovery-key -`) so they stay out of
 * the shell history and the process list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, commonFlags, stringFlag, UsageError, type Values } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { tsv } from '../format';

function recoveryKeyFlag(values: Values): string | null {
  const value = stringFlag(values, 'recovery-key');
  if (value === undefined) return null;
  if (value !== '-') return value;
  const text = readFileSync(0, 'utf8').trim();
  if (!text) throw new UsageError('--recovery-key - expects the recovery key on standard input.');
  return text;
}

function requiredPath(values: Values, flag: string): string {
  const value = stringFlag(values, flag);
  if (!value) throw new UsageError(`--${flag} FILE is required.`);
  return path.resolve(value);
}

export const recoveryKeyCommand: Command = {
  name: 'recovery-key',
  summary: 'print the recovery key made at setup (until acknowledged) so you can write it down',
  usage: 'coffer recovery-key [--acknowledge]',
  optionsHelp: [
    '  --acknowledge           you wrote it down: Coffer forgets it (it is shown only until then)',
  ],
  options: { acknowledge: { type: 'boolean' } },
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      if (values.acknowledge === true) {
        const { acknowledged } = await call(core, 'security.acknowledgeRecoveryKey', {});
        io.out(
          acknowledged
            ? 'Recovery key acknowledged; Coffer no longer keeps it.'
            : 'No recovery key was waiting.',
        );
        return;
      }
      const { ledgerEncrypted, recoveryKey } = await call(core, 'security.recoveryKey', {});
      if (!ledgerEncrypted)
        throw new CliError('This ledger is not encrypted (demo without a keychain): it has no recovery key.');
      if (!recoveryKey) {
        throw new CliError('The recovery key was already acknowledged; Coffer does not keep it any more.');
      }
      io.out(recoveryKey);
      io.err(
        'Write it down and keep it apart from this computer, then run `coffer recovery-key --acknowledge`.',
      );
    });
  },
};

export const unlockCommand: Command = {
  name: 'unlock',
  summary: 'put the ledger key back into the keychain with your recovery key',
  usage: 'coffer unlock --recovery-key KEY',
  optionsHelp: ['  --recovery-key KEY      the recovery key shown at setup, or - to read it from stdin'],
  options: { 'recovery-key': { type: 'string' } },
  async run(values, io) {
    const flags = commonFlags(values);
    const recoveryKey = recoveryKeyFlag(values);
    if (!recoveryKey) throw new UsageError('--recovery-key KEY is required.');
    const { unlockWithRecoveryKey } = await import('../../main/services/security/unlock');
    const result = await unlockWithRecoveryKey({
      dataDir: flags.dataDir,
      environment: flags.environment,
      recoveryKey,
    });
    io.out(
      result === 'restored'
        ? 'The ledger key is back in the keychain; Coffer opens this ledger again.'
        : 'The keychain already holds the key of this ledger; nothing was changed.',
    );
  },
};

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write an encrypted backup of the ledger to a file',
  usage: 'coffer backup --out FILE [--overwrite]',
  optionsHelp: [
    '  --out FILE              where to write the backup (it opens with this ledger, or anywhere with the recovery key)',
    '  --overwrite             replace FILE if it is an earlier Coffer backup (never any other file)',
  ],
  options: { out: { type: 'string' }, overwrite: { type: 'boolean' } },
  async run(values, io) {
    const flags = commonFlags(values);
    const target = requiredPath(values, 'out');
    await withCore(flags, 'cli', async (core) => {
      const r = core.backups.createAt(target, values.overwrite === true);
      io.out(
        `backup written: ${r.path} (${r.bytes} bytes, ${r.encrypted ? 'encrypted' : 'NOT encrypted: demo ledger without a keychain'})`,
      );
    });
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: "replace the ledger's contents with a backup",
  usage: 'coffer restore --from FILE [--recovery-key KEY]',
  optionsHelp: [
    '  --from FILE             a backup written by `coffer backup` or the Settings',
    '  --recovery-key KEY      the recovery key of the ledger the backup came from (needed on another',
    '                          machine or after a reset), or - to read it from stdin',
  ],
  options: { from: { type: 'string' }, 'recovery-key': { type: 'string' } },
  async run(values, io) {
    const flags = commonFlags(values);
    const source = requiredPath(values, 'from');
    const recoveryKey = recoveryKeyFlag(values);
    await withCore(
      flags,
      'cli',
      async (core) => {
        const r = await core.backups.restoreFrom(source, recoveryKey);
        io.out(
          `restored ${r.path} (made ${r.createdAt}): ${r.items} item(s), ${r.accounts} account(s), ${r.transactions} transaction(s)`,
        );
      },
      { create: true },
    );
  },
};

export const recoverCommand: Command = {
  name: 'recover',
  summary: 'save what can still be read from a damaged ledger into a new one (the damaged file is kept)',
  usage: 'coffer recover [--recovery-key KEY]',
  optionsHelp: [
    '  --recovery-key KEY      needed when the keychain no longer holds the ledger key; - reads it from stdin',
    '',
    'The damaged file is moved aside, never deleted. If you have a backup, restoring it into a new data',
    'dir (`coffer restore --from FILE --recovery-key - --data-dir NEW`) may bring back more.',
  ],
  options: { 'recovery-key': { type: 'string' } },
  async run(values, io) {
    const flags = commonFlags(values);
    const recoveryKey = recoveryKeyFlag(values);
    const { recoverLedger } = await import('../../main/services/security/recover');
    const result = await recoverLedger({
      dataDir: flags.dataDir,
      environment: flags.environment,
      recoveryKey,
    });
    for (const t of result.tables) {
      const notes = [
        t.damaged ? 'partly unreadable' : '',
        t.dropped ? `${t.dropped} row(s) without their parent left out` : '',
      ]
        .filter(Boolean)
        .join('; ');
      io.out(tsv([t.table, t.saved, notes]));
    }
    const saved = result.tables.reduce((sum, t) => sum + t.saved, 0);
    io.err(
      `Saved ${saved} row(s) into a new ledger at ${result.ledger}; the damaged file is kept at ${result.damagedKeptAt}. ` +
        'The next sync fetches again every transaction the bank still has.',
    );
  },
};
