import { useState } from 'react';
import type { AddProductPath, ItemProduct, ProductState } from '../../shared/api';
import { useShell } from '../app/shell-context';
import { PRODUCT_INFO, productStatusText } from './products';

/**
 * For a view whose product an Item lacks: why, and the add-a-product path of the accounts panel
 * (Plaid's answer on which way first, then the call or Link's update mode). `onAdded` runs once
 * the product is ready.
 */
export function AddProductPrompt({
  itemId,
  institutionName,
  product,
  state,
  onAdded,
}: {
  itemId: string;
  institutionName: string;
  product: ItemProduct;
  state: ProductState | null;
  onAdded?(): Promise<unknown>;
}) {
  const { api, errors, ledgerChanged } = useShell();
  const label = PRODUCT_INFO[product].label;
  const [plan, setPlan] = useState<{ path: AddProductPath; message: string } | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
  const ask = () =>
    guard(async () => {
      setResult(null);
      setPlan(await api['items.productPath']({ itemId, product }));
    });
  const add = () =>
    guard(async () => {
      setPlan(null);
      const added = await api['items.addProduct']({ itemId, product });
      if (added.linkStatus === 'exited') setResult(`Adding ${label} was cancelled.`);
      else if (added.product?.status === 'ready') await onAdded?.();
      else setResult(`${label}: ${added.product ? productStatusText(added.product) : 'not added'}`);
      ledgerChanged();
    });

  return (
    <div className="product-missing" data-testid={`add-${product}`}>
      <p>
        {state
          ? `${label} from ${institutionName}: ${productStatusText(state)}.`
          : `${institutionName} does not share ${label} with Coffer yet.`}
      </p>
      {!plan && (
        <button type="button" className="button small" disabled={busy} onClick={() => void ask()}>
          Add {label}…
        </button>
      )}
      {plan && (
        <div role="group" aria-label={`Add ${label}`} className="product-plan" data-testid="product-plan">
          <p>{plan.message}</p>
          {plan.path !== 'unavailable' && (
            <button
              type="button"
              className="button button-primary small"
              disabled={busy}
              onClick={() => void add()}
            >
              {plan.path === 'update_mode' ? 'Open Plaid Link' : `Add ${label}`}
            </button>
          )}{' '}
          <button type="button" className="button small" disabled={busy} onClick={() => setPlan(null)}>
            {plan.path === 'unavailable' ? 'Close' : 'Cancel'}
          </button>
        </div>
      )}
      {result && (
        <p role="status" className="muted small">
          {result}
        </p>
      )}
    </div>
  );
}
