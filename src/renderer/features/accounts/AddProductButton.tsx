import { useState } from 'react';
import type { Item, ItemProduct } from '../../../shared/api';
import { useShell } from '../../app/shell-context';

/**
 * Adding one product to one Item from the view that needs it: the user reads which way it goes
 * (Plaid Link in update mode, or not available at this bank) before anything starts.
 */
export function AddProductButton({
  item,
  product,
  label,
}: {
  item: Item;
  product: ItemProduct;
  label: string;
}) {
  const { api, errors, ledgerChanged } = useShell();
  const [plan, setPlan] = useState<{ path: string; message: string } | null>(null);
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
  if (!plan)
    return (
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() =>
          guard(async () => setPlan(await api['items.productPath']({ itemId: item.id, product })))
        }
      >
        Add {label} to {item.institutionName}
      </button>
    );
  return (
    <div className="add-product" role="group" aria-label={`Add ${label} to ${item.institutionName}`}>
      <p>{plan.message}</p>
      {plan.path !== 'unavailable' && (
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() =>
            guard(async () => {
              await api['items.addProduct']({ itemId: item.id, product });
              setPlan(null);
              ledgerChanged();
            })
          }
        >
          Continue
        </button>
      )}
      <button type="button" className="button button-quiet" onClick={() => setPlan(null)}>
        Cancel
      </button>
    </div>
  );
}
