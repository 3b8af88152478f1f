/**
 * What a domain's call table is, and how the domains become the one contract: merged into one
 * table, refusing a call name that two domains both define (at compile time where the tables are
 * literal, and at import time in any case).
 */
import type { z } from 'zod';

export interface CallSpec {
  readonly req: z.ZodType;
  readonly res: z.ZodType;
}

export type CallTable = Readonly<Record<string, CallSpec>>;

/** The call names defined by more than one of the tables. */
export type RepeatedNames<T extends readonly CallTable[], Seen = never> = T extends readonly [
  infer Head extends CallTable,
  ...infer Rest extends readonly CallTable[],
]
  ? (keyof Head & Seen) | RepeatedNames<Rest, Seen | keyof Head>
  : never;

type Merged<T extends readonly CallTable[]> = T extends readonly [
  infer Head extends CallTable,
  ...infer Rest extends readonly CallTable[],
]
  ? Head & Merged<Rest>
  : unknown;

/** Resolves to `unknown` when no name repeats; otherwise to a type naming the repeated calls. */
type NoRepeatedNames<T extends readonly CallTable[]> = [RepeatedNames<T>] extends [never]
  ? unknown
  : { readonly 'call names defined twice': RepeatedNames<T> };

export function mergeCallTables<const T extends readonly CallTable[]>(
  ...tables: T & NoRepeatedNames<T>
): { readonly [K in keyof Merged<T>]: Merged<T>[K] } {
  const merged: Record<string, CallSpec> = {};
  for (const table of tables as readonly CallTable[]) {
    for (const [name, spec] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name))
        throw new Error(`The contract defines the call ${name} twice.`);
      merged[name] = spec;
    }
  }
  return merged as { readonly [K in keyof Merged<T>]: Merged<T>[K] };
}
