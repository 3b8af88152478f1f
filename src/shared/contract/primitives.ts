/** The small schemas every domain of the contract builds on. */
import { z } from 'zod';

export const Id = z.string().min(1).max(128);
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const IsoDateTime = z.string().min(1);
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$|^[A-Z0-9]{2,12}$/, 'expected an ISO 4217 or unofficial currency code');
/** Money crosses the contract as integer minor units plus its currency (see src/shared/money.ts). */
export const Minor = z.number().int();
export const Tag = z.string().trim().min(1).max(64);

export const Empty = z.object({}).strict();
