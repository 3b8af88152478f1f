import { AttentionTile } from '../accounts/AttentionTile';
import { NetWorthTile } from '../net-worth/NetWorthTile';
import { PortfolioTile } from '../portfolio/PortfolioTile';
import { BillsTile } from '../recurring/BillsTile';
import { SpendingTile } from '../spending/SpendingTile';
import { SyncTile } from '../sync/SyncTile';
import { RecentTile } from '../transactions/RecentTile';
import { DueDatesTile } from '../upcoming-payments/DueDatesTile';
import type { TileEntry } from './tile';

/**
 * The dashboard's tiles, one line per tile, in reading order: a product adds its summary here
 * (its component beside its view, in its own feature folder). They load with the dashboard's
 * chunk, so they stay small and draw no charts.
 */
export const TILES: readonly TileEntry[] = [
  {
    id: 'net-worth',
    title: 'Net worth',
    opens: { view: 'net-worth', label: 'Net worth' },
    Component: NetWorthTile,
  },
  {
    id: 'portfolio',
    title: 'Investments',
    opens: { view: 'portfolio', label: 'Portfolio' },
    Component: PortfolioTile,
  },
  {
    id: 'spending',
    title: 'Spending this month',
    opens: { view: 'spending', label: 'Spending' },
    Component: SpendingTile,
  },
  { id: 'attention', title: 'Needs attention', opens: null, Component: AttentionTile },
  {
    id: 'bills',
    title: 'Upcoming bills',
    opens: { view: 'recurring', label: 'Recurring' },
    Component: BillsTile,
  },
  {
    id: 'due-dates',
    title: 'Card and loan due dates',
    opens: { view: 'upcoming-payments', label: 'Upcoming payments' },
    Component: DueDatesTile,
  },
  {
    id: 'recent',
    title: 'Recent transactions',
    opens: { view: 'transactions', label: 'Transactions' },
    Component: RecentTile,
  },
  { id: 'sync', title: 'Sync', opens: { view: 'settings', label: 'Settings' }, Component: SyncTile },
];
