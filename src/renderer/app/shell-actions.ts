import type { Item } from '../../shared/api';
import { REMEDY_LABEL } from '../features/accounts/item-actions';
import { themeActions } from '../features/theme/theme-actions';
import type { PaletteStore } from './palette-store';
import type { Shell } from './shell';

export interface PaletteAction {
  id: string;
  label: string;
  keywords?: string;
  run(): void;
}

/** Asks every connected Item's bank for its balances now, one after another. */
async function refreshAllBalances(shell: Shell): Promise<void> {
  const live = shell.items.getState().items.filter((i) => !i.removedAt);
  try {
    for (const item of live) await shell.api['balances.refresh']({ itemId: item.id });
  } catch (error) {
    shell.errors.getState().report(error);
  } finally {
    shell.ledgerChanged();
  }
}

/** The remedy of each Item that needs one ("Reconnect First Platypus Bank"). */
function remedyActions(shell: Shell, items: readonly Item[]): PaletteAction[] {
  return items
    .filter((i) => !i.removedAt && i.remedy)
    .map((i) => ({
      id: `item.${i.id}.${i.remedy}`,
      label: `${REMEDY_LABEL[i.remedy!]} ${i.institutionName}`,
      keywords: 'fix connection attention',
      run: () => void shell.itemActions.getState().run(i.id, i.remedy!),
    }));
}

/** What the shell itself offers in the palette, beside the views' own actions. */
export function shellActions(shell: Shell, palette: PaletteStore, items: readonly Item[]): PaletteAction[] {
  return [
    {
      id: 'sync.now',
      label: 'Sync now',
      keywords: 'update fetch refresh',
      run: () => void shell.sync.getState().run(),
    },
    {
      id: 'link.open',
      label: 'Link account',
      keywords: 'add bank connect',
      run: () => void shell.link.getState().open(),
    },
    {
      id: 'balances.refresh',
      label: 'Refresh balances',
      keywords: 'update bank balance',
      run: () => void refreshAllBalances(shell),
    },
    ...themeActions(shell),
    {
      id: 'help.shortcuts',
      label: 'Keyboard shortcuts',
      keywords: 'help keys',
      run: () => palette.getState().show('help'),
    },
    ...remedyActions(shell, items),
  ];
}
