import type { Account } from '../../shared/api';
import type { Matchable } from './command-match';
import type { PaletteAction } from './shell-actions';
import type { MountedView } from './view-entry';

export type CommandGroup = 'Action' | 'View' | 'Account';

export interface Command extends Matchable {
  group: CommandGroup;
  run(): void;
}

/**
 * Everything the palette offers, from the registry: the shell's actions and each view's
 * `actions`, then every view, then every account (its transactions). A view registered later
 * brings its entries with it.
 */
export function paletteCommands(input: {
  views: readonly MountedView[];
  shellActions: readonly PaletteAction[];
  accounts: readonly Account[];
  go(viewId: string): void;
  showAccount(accountId: string): void;
}): Command[] {
  const actions: Command[] = [
    ...input.shellActions,
    ...input.views.flatMap((v) => v.actions.map((a) => ({ ...a, keywords: v.label }))),
  ].map((a) => ({ ...a, group: 'Action' }));
  const views: Command[] = input.views.map((v) => ({
    id: `view.${v.id}`,
    label: v.label,
    keywords: `go to open ${v.id.replace(/-/g, ' ')}`,
    group: 'View',
    run: () => input.go(v.id),
  }));
  const accounts: Command[] = input.accounts
    .filter((a) => !a.archived)
    .map((a) => ({
      id: `account.${a.id}`,
      label: `${a.institutionName} ${a.name}${a.mask ? ` ••${a.mask}` : ''}`,
      keywords: `account ${a.type} ${a.subtype ?? ''}`,
      group: 'Account',
      run: () => input.showAccount(a.id),
    }));
  return [...actions, ...views, ...accounts];
}
