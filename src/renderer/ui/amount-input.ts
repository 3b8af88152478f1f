import { currencyExponent } from '../../shared/money';

/**
 * What a person types as an amount ("12", "1,234.50", "-3.2", "$9.99") in minor units of
 * `currency`, or null when it is not an amount or has more decimals than the currency. The
 * decimal string is read digit by digit, never through floating point.
 */
export function parseAmountInput(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,$€£¥]/g, '');
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, frac = ''] = match;
  if (whole === '' && frac === '') return null;
  const exp = currencyExponent(currency);
  if (frac.length > exp) return null;
  const minor = Number(whole || '0') * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** Minor units back into the plain decimal an input shows ("1234.50"), without currency symbols. */
export function amountInputText(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** exp);
  const frac = exp > 0 ? `.${String(abs % 10 ** exp).padStart(exp, '0')}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${frac}`;
}
