import { useId, useState } from 'react';
import { ItemProduct, type AddProductPath, type Item } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { PRODUCT_INFO, productStatusText } from '../../ui/products';

interface Plan {
  product: ItemProduct;
  path: AddProductPath;
  message: string;
}

/** An Item's products with their statuses, and adding one: the user reads which way it goes first. */
export function ItemProducts({ item }: { item: Item }) {
  const { api, errors, ledgerChanged } = useShell();
  const selectId = useId();
  // A ready product may be consented to but not yet added at Plaid: adding it calls its endpoint.
  const addable = ItemProduct.options.filter((p) => p !== 'transactions');
  const [choice, setChoice] = useState<ItemProduct | ''>('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const guard = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      errors.getState().report(error);
    } finally {
      setBusy(false);
    }
  };
  const ask = (product: ItemProduct) =>
    guard(async () => {
      setResult(null);
      const answer = await api['items.productPath']({ itemId: item.id, product });
      setPlan({ product, ...answer });
    });
  const add = (product: ItemProduct) =>
    guard(async () => {
      setPlan(null);
      const added = await api['items.addProduct']({ itemId: item.id, product });
      const label = PRODUCT_INFO[product].label;
      setResult(
        added.linkStatus === 'exited'
          ? `Adding ${label} was cancelled.`
          : `${label}: ${added.product ? productStatusText(added.product) : 'unknown'}`,
      );
      ledgerChanged();
    });

  if (item.removedAt) return null;
  return (
    <div className="item-products" data-testid="item-products">
      <ul className="product-list" aria-label={`Products of ${item.institutionName}`}>
        {item.products.map((p) => (
          <li key={p.product} data-product={p.product} data-status={p.status}>
            {PRODUCT_INFO[p.product].label}: {productStatusText(p)}
          </li>
        ))}
      </ul>
      {addable.length > 0 && (
        <div className="product-add">
          <label htmlFor={selectId}>Add a product</label>{' '}
          <select
            id={selectId}
            value={choice}
            disabled={busy}
            onChange={(e) => setChoice(e.currentTarget.value as ItemProduct | '')}
          >
            <option value="">Choose…</option>
            {addable.map((p) => (
              <option key={p} value={p}>
                {PRODUCT_INFO[p].label}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            className="button small"
            disabled={busy || !choice}
            onClick={() => choice && void ask(choice)}
          >
            Add…
          </button>
        </div>
      )}
      {plan && (
        <div role="dialog" aria-label="Add a product" className="product-plan" data-testid="product-plan">
          <p>{plan.message}</p>
          {plan.path !== 'unavailable' && (
            <button
              type="button"
              className="button button-primary small"
              disabled={busy}
              onClick={() => void add(plan.product)}
            >
              {plan.path === 'update_mode' ? 'Open Plaid Link' : `Add ${PRODUCT_INFO[plan.product].label}`}
            </button>
          )}{' '}
          <button type="button" className="button small" disabled={busy} onClick={() => setPlan(null)}>
            {plan.path === 'unavailable' ? 'Close' : 'Cancel'}
          </button>
        </div>
      )}
      {result && (
        <p role="status" className="muted small" data-testid="product-result">
          {result}
        </p>
      )}
    </div>
  );
}
