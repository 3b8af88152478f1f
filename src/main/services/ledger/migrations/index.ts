/**
 * Numbered schema migrations, one per file. Append only: a shipped migration never changes, the
 * next one fixes it. The schema version is `PRAGMA user_version` = the number of migrations
 * applied, so this list's order is the files' numbers (migrations.test.ts checks both).
 */
import foundation from './0001-foundation';
import itemLifecycle from './0002-item-lifecycle';
import transactionsUsersTrust from './0003-transactions-users-trust';
import bulkLoad from './0004-bulk-load';
import categoryPages from './0005-category-pages';
import searchTotals from './0006-search-totals';
import rawSnapshots from './0007-raw-snapshots';
import itemProducts from './0008-item-products';
import investments from './0009-investments';
import liabilities from './0010-liabilities';
import netWorth from './0011-net-worth';
import categoryTaxMarks from './0012-category-tax-marks';
import notifications from './0013-notifications';
import userProfile from './0014-user-profile';
import estimatedBalances from './0015-estimated-balances';
import assetReports from './0016-asset-reports';
import coveringAccountIndex from './0017-covering-account-index';

export const migrations: readonly string[] = [
  foundation,
  itemLifecycle,
  transactionsUsersTrust,
  bulkLoad,
  categoryPages,
  searchTotals,
  rawSnapshots,
  itemProducts,
  investments,
  liabilities,
  netWorth,
  categoryTaxMarks,
  notifications,
  userProfile,
  estimatedBalances,
  assetReports,
  coveringAccountIndex,
];
