import { describe, expect, it } from 'vitest';
import type { Account, CofferApi } from '../../shared/api';
import type { CofferClient } from '../api/client';
import { createAppState } from './app-state';
import { assignCodes, rankCommands } from './command-match';
import { paletteCommands } from './commands';
import { createPaletteStore } from './palette-store';
import { shellActions } from './shell-actions';
import { VIEWS } from './views';

const quiet = new Proxy({}, { get: () => async () => ({}) }) as CofferApi;
const client: CofferClient = {
  api: quiet,
  inLane: () => quiet,
  backupFiles: null,
  exportFiles: null,
  systemNotifications: 'web',
  onEvent: () => () => {},
  close() {},
};

const account = (id: string, name: string): Account => ({
  id,
  itemId: 'item',
  institutionName: 'First Platypus Bank',
  name,
  officialName: null,
  mask: id.slice(-4),
  type: 'depository',
  subtype: 'checking',
  currency: 'USD',
  currentMinor: 0,
  availableMinor: null,
  limitMinor: null,
  archived: false,
});

function commandsOfTheRegistry() {
  const state = createAppState(client);
  const visited: string[] = [];
  const commands = paletteCommands({
    views: state.views,
    shellActions: shellActions(state.shell, createPaletteStore(), []),
    accounts: [account('acc-0001', 'Plaid Checking'), account('acc-0002', 'Plaid Saving')],
    go: (id) => visited.push(id),
    showAccount: (id) => visited.push(`account:${id}`),
  });
  state.stop();
  return { commands, visited };
}

describe('the command palette over the registry', () => {
  it('navigates to every registered view and account, and offers at least 20 actions', () => {
    const { commands, visited } = commandsOfTheRegistry();
    for (const view of VIEWS) commands.find((c) => c.id === `view.${view.id}`)!.run();
    for (const c of commands.filter((c) => c.group === 'Account')) c.run();
    expect(visited).toEqual([...VIEWS.map((v) => v.id), 'account:acc-0001', 'account:acc-0002']);
    const actions = commands.filter((c) => c.group === 'Action');
    expect(actions.length).toBeGreaterThanOrEqual(20);
    expect(actions.map((a) => a.label)).toEqual(
      expect.arrayContaining([
        'Sync now',
        'Link account',
        'Refresh balances',
        'New rule',
        'Search transactions',
        'Theme: Dark',
        "Export last year's tax CSV",
      ]),
    );
  });

  it('reaches every command in three keys after opening: its two letters, then Enter', () => {
    const { commands } = commandsOfTheRegistry();
    const codes = assignCodes(commands);
    for (const c of commands) {
      const code = codes.get(c.id)!;
      expect(code.length, c.label).toBeLessThanOrEqual(2);
      expect(rankCommands(commands, codes, code)[0]!.id, `${c.label} (${code})`).toBe(c.id);
    }
  });
});
