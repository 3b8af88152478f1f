/**
 * `coffer items list | remove | add-product`: the Items of the ledger, their products with each
 * one's status, their health, and the two changes a user makes to one.
 */
import { ItemProduct, type Item } from '../../shared/api';
import { CliError, commonFlags, stringFlag, UsageError, type Values } from '../args';
import type { Command, Io } from '../command';
import { call, withCore } from '../core-session';
import { tsv } from '../format';

export function parseProducts(text: string): ItemProduct[] {
  const names = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = names.filter((p) => !ItemProduct.safeParse(p).success);
  if (unknown.length)
    throw new UsageError(`Unknown product '${unknown[0]}': choose among ${ItemProduct.options.join(', ')}.`);
  return names as ItemProduct[];
}

function requiredArg(values: Values, name: string): string {
  const value = stringFlag(values, name);
  if (!value) throw new UsageError(`Missing ${name}.`);
  return value;
}

export function itemLine(item: Item): string {
  return tsv([
    item.id,
    item.institutionName,
    item.products.map((p) => `${p.product}:${p.status}`).join(','),
    item.removedAt ? 'removed' : item.health,
    item.lastSyncedAt,
  ]);
}

export function itemJson(item: Item): string {
  return JSON.stringify({
    id: item.id,
    institution: item.institutionName,
    institutionId: item.institutionId,
    products: item.products.map((p) => ({
      product: p.product,
      status: p.status,
      message: p.error?.display_message ?? null,
    })),
    health: item.health,
    removed: item.removedAt !== null,
    lastSyncedAt: item.lastSyncedAt,
  });
}

function output(values: Values, io: Io, line: string, json: Record<string, unknown>): void {
  io.out(values.json === true ? JSON.stringify(json) : line);
}

const jsonOption = { json: { type: 'boolean' } } as const;
const jsonHelp = '  --json                  one JSON object per line instead of tab-separated columns';

export const itemsListCommand: Command = {
  name: 'items list',
  summary: 'list Items, one tab-separated line each',
  usage: 'coffer items list [--json]',
  optionsHelp: [
    jsonHelp,
    'Columns: item_id, institution, products (product:status, comma-separated), health, last sync.',
    'Statuses: ready, not_supported, no_accounts, needs_consent, not_ready, failed.',
  ],
  options: jsonOption,
  async run(values, io) {
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { items } = await call(core, 'items.list', {});
      for (const item of items) io.out(values.json === true ? itemJson(item) : itemLine(item));
    });
  },
};

export const itemsRemoveCommand: Command = {
  name: 'items remove',
  summary: 'remove an Item at Plaid and its token from the keychain; its history stays unless --purge',
  usage: 'coffer items remove ITEM_ID [--purge] [--json]',
  optionsHelp: [
    '  --purge                 delete its accounts and transactions from the ledger too',
    jsonHelp,
  ],
  options: { purge: { type: 'boolean' }, ...jsonOption },
  positionals: ['ITEM_ID'],
  async run(values, io) {
    const itemId = requiredArg(values, 'ITEM_ID');
    await withCore(commonFlags(values), 'cli', async (core) => {
      const removed = await call(core, 'items.remove', { itemId, keepHistory: values.purge !== true });
      output(
        values,
        io,
        `removed ${removed.itemId}${removed.keptHistory ? ' (history kept)' : ' (history deleted)'}`,
        removed,
      );
    });
  },
};

export const itemsAddProductCommand: Command = {
  name: 'items add-product',
  summary: 'add a product to an Item (one you consented to is added now; others need Link in the app)',
  usage: 'coffer items add-product ITEM_ID PRODUCT [--json]',
  optionsHelp: [`Products: ${ItemProduct.options.join(', ')}.`, jsonHelp],
  options: jsonOption,
  positionals: ['ITEM_ID', 'PRODUCT'],
  async run(values, io) {
    const itemId = requiredArg(values, 'ITEM_ID');
    const [product] = parseProducts(requiredArg(values, 'PRODUCT'));
    if (!product) throw new UsageError('Missing PRODUCT.');
    await withCore(commonFlags(values), 'cli', async (core) => {
      const plan = await call(core, 'items.productPath', { itemId, product });
      if (plan.path === 'unavailable') throw new CliError(plan.message);
      if (plan.path === 'update_mode')
        throw new CliError(
          `${plan.message} Plaid Link must show for that: add it from the accounts panel in the app (or \`coffer serve\`).`,
        );
      if (values.json !== true) io.err(plan.message);
      const added = await call(core, 'items.addProduct', { itemId, product });
      const state = added.product;
      const status = state?.status ?? 'unknown';
      output(values, io, `${itemId}\t${product}:${status}`, {
        itemId,
        product,
        path: added.path,
        status,
        message: state?.error?.display_message ?? null,
      });
      if (state?.status === 'failed')
        throw new CliError(
          state.error?.display_message ?? `Adding ${product} failed (${state.error?.error_code}).`,
        );
    });
  },
};

export const itemsCommand: Command = {
  name: 'items',
  summary: 'list Items with their products, remove one, or add a product to one',
  usage: 'coffer items list | remove ITEM_ID [--purge] | add-product ITEM_ID PRODUCT',
  optionsHelp: ['Subcommands: list, remove, add-product (see coffer items <subcommand> --help).'],
  options: {},
  subcommands: [itemsListCommand, itemsRemoveCommand, itemsAddProductCommand],
  async run() {
    throw new UsageError('Say what to do: coffer items list, remove ITEM_ID or add-product ITEM_ID PRODUCT.');
  },
};
