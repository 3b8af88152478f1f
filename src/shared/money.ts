/**
 * Money is integer minor units by each currency's ISO 4217 exponent. Plaid sends decimals in
 * major units (sometimes with more places than the currency has), so conversion rounds half
 * away from zero on the decimal string, never through binary floating point arithmetic.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

export function toMinor(amount: number, currency: string): number {
  const exp = currencyExponent(currency);
  if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
  // toFixed(exp + 3) gives the decimal expansion without scientific notation for realistic sizes.
  const text = Math.abs(amount).toFixed(Math.min(exp + 3, 20));
  const [whole, frac = ''] = text.split('.');
  const kept = frac.slice(0, exp).padEnd(exp, '0');
  const rest = frac.slice(exp);
  let minor = Number(whole) * 10 ** exp + Number(kept || '0');
  if (rest.length > 0 && Number(rest[0]) >= 5) minor += 1;
  return amount < 0 && minor !== 0 ? -minor : minor;
}

export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

export function formatMoney(minor: number, currency: string, locale?: string): string {
  const exp = currencyExponent(currency);
  const value = fromMinor(minor, currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    }).format(value);
  } catch {
    // Unofficial codes (crypto) are not valid Intl currencies.
    return `${value.toFixed(exp)} ${currency}`;
  }
}
