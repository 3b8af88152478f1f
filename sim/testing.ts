/**
 * Test support: a simulator on a free port, the real `plaid` SDK aimed at it, and the admin
 * calls tests need. Used by the simulator's own tests and the contract tests; never by product
 * code.
 */
import { Configuration, PlaidApi, Products, type Transaction, type RemovedTransaction } from 'plaid';
import { startSimulator } from './server';
import type { RunningSimulator, SimulatorOptions } from './index';

export interface TruthTransaction {
  transaction_id: string;
  account_id: string;
  amount: number;
  iso_currency_code: string | null;
  date: string;
  authorized_date: string | null;
  pending: boolean;
  pending_transaction_id: string | null;
  name: string;
}

export interface SyncOutcome {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  cursor: string;
  pages: number;
}

export interface SimHarness {
  sim: RunningSimulator;
  plaid: PlaidApi;
  /** An Item at an institution through /sandbox/public_token/create and the exchange. */
  linkItem(options?: {
    institutionId?: string;
    daysRequested?: number;
    products?: Products[];
  }): Promise<{ accessToken: string; itemId: string }>;
  /** Pages /transactions/sync from `cursor` until has_more is false. */
  syncAll(accessToken: string, cursor?: string, count?: number): Promise<SyncOutcome>;
  admin<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  advanceClock(days: number): Promise<string>;
  truth(itemId: string): Promise<TruthTransaction[]>;
  close(): Promise<void>;
}

export function plaidClient(sim: { url: string; clientId: string; secret: string }): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: sim.url,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': sim.clientId, 'PLAID-SECRET': sim.secret },
        timeout: 20_000,
      },
    }),
  );
}

export async function startHarness(options: SimulatorOptions = {}): Promise<SimHarness> {
  const sim = await startSimulator({ port: 0, ...options });
  const plaid = plaidClient(sim);

  const admin = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(path, sim.url), {
      method,
      headers: {
        'PLAID-CLIENT-ID': sim.clientId,
        'PLAID-SECRET': sim.secret,
        'Content-Type': 'application/json',
      },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    const data = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path} → HTTP ${response.status}: ${JSON.stringify(data)}`);
    return data;
  };

  return {
    sim,
    plaid,
    async linkItem({
      institutionId = 'ins_109508',
      daysRequested = 730,
      products = [Products.Transactions],
    } = {}) {
      const { data: created } = await plaid.sandboxPublicTokenCreate({
        institution_id: institutionId,
        initial_products: products,
        options: { transactions: { days_requested: daysRequested } },
      });
      const { data } = await plaid.itemPublicTokenExchange({ public_token: created.public_token });
      return { accessToken: data.access_token, itemId: data.item_id };
    },
    async syncAll(accessToken, cursor = '', count = 500) {
      const outcome: SyncOutcome = { added: [], modified: [], removed: [], cursor, pages: 0 };
      for (;;) {
        const { data } = await plaid.transactionsSync({
          access_token: accessToken,
          cursor: outcome.cursor,
          count,
        });
        outcome.added.push(...data.added);
        outcome.modified.push(...data.modified);
        outcome.removed.push(...data.removed);
        outcome.cursor = data.next_cursor;
        outcome.pages++;
        if (!data.has_more) return outcome;
      }
    },
    admin,
    async advanceClock(days) {
      const { today } = await admin<{ today: string }>('POST', '/__sim/clock/advance', { days });
      return today;
    },
    async truth(itemId) {
      const { transactions } = await admin<{ transactions: TruthTransaction[] }>(
        'GET',
        `/__sim/truth/transactions?item_id=${encodeURIComponent(itemId)}`,
      );
      return transactions;
    },
    close: () => sim.close(),
  };
}

/** The Plaid error a rejected SDK call carried (fails the test if the call succeeded). */
export async function plaidFailure(
  call: Promise<unknown>,
): Promise<{ status: number; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (err) {
    // The SDK rejects with an axios error carrying Plaid's reply in `response`.
    const response = (err as { response?: { status: number; data: Record<string, unknown> } }).response;
    if (response) return { status: response.status, data: response.data };
    throw err;
  }
  throw new Error('expected the Plaid call to fail, but it succeeded');
}
