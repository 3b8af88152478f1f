/** Exports to files the user keeps: CSV for spreadsheets and taxes, journals for plain-text accounting. */
import { z } from 'zod';
import { CategoryId } from './categories';
import { Empty, Id, IsoDate, Tag } from './primitives';

/** A file the user chose (typed, or a save dialog): absolute (POSIX, drive letter or UNC), no NUL. */
export const ExportFilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'expected an absolute path');

export const ExportKind = z.enum(['transactions', 'tax-summary', 'hledger', 'beancount']);
export type ExportKind = z.infer<typeof ExportKind>;

export const ExportRequest = z
  .object({
    kind: ExportKind,
    /** A calendar year, or an inclusive range (from/to); neither: everything. */
    year: z.number().int().min(1900).max(2999).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    accountIds: z.array(Id).max(200).optional(),
    /** Transactions CSV only: a category (or group) id matches a split by any of its parts. */
    categories: z.array(CategoryId).max(200).optional(),
    tags: z.array(Tag).max(50).optional(),
    /** CSV only: a byte-order mark so Excel reads the file as UTF-8. */
    bom: z.boolean().default(false),
    path: ExportFilePath,
    overwrite: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.year === undefined || (r.from === undefined && r.to === undefined), {
    message: 'Give either a year or a date range, not both.',
  })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, {
    message: 'The range ends before it starts.',
  });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportResult = z.object({
  path: z.string(),
  kind: ExportKind,
  /** Lines of data written (CSV rows, or journal transactions). */
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** What the tax summary counts a category (or a whole group) as. */
export const TaxMark = z.enum(['deductible', 'charitable']);
export type TaxMark = z.infer<typeof TaxMark>;
export const CategoryTaxMark = z.object({ categoryId: CategoryId, mark: TaxMark });

export const exportCalls = {
  /** Writes the file whole or not at all; an existing file is replaced only with overwrite. */
  'exports.write': { req: ExportRequest, res: ExportResult },
  'tax.marks': { req: Empty, res: z.object({ marks: z.array(CategoryTaxMark) }) },
  /** null clears the category's mark. */
  'tax.setMark': {
    req: z.object({ categoryId: CategoryId, mark: TaxMark.nullable() }).strict(),
    res: z.object({ marks: z.array(CategoryTaxMark) }),
  },
} as const;
