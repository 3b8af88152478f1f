import type { SyncResult } from '../../shared/api';
import { commonFlags, CliError, stringFlag } from '../args';
import type { Command } from '../command';
import { call, describeFailure, withCore } from '../core-session';

const WAITING_NOTE_MS = 5_000;

export function syncSummary(r: SyncResult): string {
  const counts = `added ${r.added}, modified ${r.modified}, removed ${r.removed} in ${r.pages} page(s)`;
  return `sync ${r.itemId}: ${r.status}${r.status === 'skipped' ? '' : ` (${counts})`}`;
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'fetch new and changed transactions for every linked Item (or one)',
  usage: 'coffer sync [--item ID]',
  optionsHelp: ['  --item ID               sync only this Item'],
  options: { item: { type: 'string' } },
  async run(values, io) {
    const flags = commonFlags(values);
    await withCore(flags, 'cli', async (core) => {
      // A person at a terminal learns that Coffer is waiting on Plaid, not stuck; pipes stay clean.
      const waiting = process.stderr.isTTY
        ? setTimeout(() => io.err('waiting for Plaid to answer…'), WAITING_NOTE_MS)
        : null;
      const { results } = await call(core, 'sync.run', {
        itemId: stringFlag(values, 'item') ?? null,
      }).finally(() => waiting && clearTimeout(waiting));
      if (results.length === 0) io.out('No Items linked yet: nothing to sync.');
      for (const r of results) if (r.status !== 'error') io.out(syncSummary(r));
      // A failure is one line on stderr, all failed Items in it.
      const failed = results.filter((r) => r.status === 'error');
      if (failed.length > 0) {
        throw new CliError(
          failed
            .map((r) => {
              const reason = r.error ? describeFailure({ message: '', plaid: r.error }) : 'see the log';
              return `sync of ${r.itemId} failed: ${reason}`;
            })
            .join('; '),
        );
      }
    });
  },
};
