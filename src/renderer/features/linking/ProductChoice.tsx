import { useStore } from 'zustand';
import { ItemProduct } from '../../../shared/api';
import { useShell } from '../../app/shell-context';
import { BILLING_NOTE, PRODUCT_INFO } from '../../ui/products';

/** What the next Link connects: transactions always, the rest as the user picks. */
export function ProductChoice() {
  const { link } = useShell();
  const chosen = useStore(link, (s) => s.products);
  const toggle = useStore(link, (s) => s.toggleProduct);
  const linking = useStore(link, (s) => s.linking);
  return (
    <details className="product-choice" data-testid="product-choice">
      <summary>What to connect</summary>
      <fieldset disabled={linking}>
        <legend>Products for the next bank you link</legend>
        {ItemProduct.options.map((product) => {
          const info = PRODUCT_INFO[product];
          const always = product === 'transactions';
          return (
            <label key={product} className="product-option">
              <input
                type="checkbox"
                name={product}
                checked={always || chosen.includes(product)}
                disabled={always}
                onChange={(e) => toggle(product, e.currentTarget.checked)}
              />{' '}
              {info.label} <span className="muted small">{info.purpose}</span>
            </label>
          );
        })}
        <p className="muted small">{BILLING_NOTE}</p>
      </fieldset>
    </details>
  );
}
