import type { SyncResult } from '../../shared/api';
import { commonFlags, CliError, stringFlag } from '../args';
import type { Command } from '../command';
import { call, describeFailure, withCore } from '../core-session';

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
      const { results } = await call(core, 'sync.run', { itemId: stringFlag(values, 'item') ?? null });
      if (results.length === 0) io.out('No Items linked yet: nothing to sync.');
      for (const r of results) io.out(syncSummary(r));
      const failed = results.find((r) => r.status === 'error');
      if (failed) {
        const reason = failed.error ? describeFailure({ message: '', plaid: failed.error }) : 'see the log';
        throw new CliError(`sync of ${failed.itemId} failed: ${reason}`);
      }
    });
  },
};
