/**
 * Exports to files the user keeps: CSV for spreadsheets and taxes, journals for plain-text
 * accounting. The window says what to export, never where: in Electron the main process's save
 * dialog chooses the file, in the browser host the export is a download, the CLI names its own.
 */
import { z } from 'zod';
import { CategoryId } from './categories';
import { Empty, Id, IsoDate, Tag } from './primitives';

export const ExportKind = z.enum([
  'transactions',
  'investment-transactions',
  'holdings',
  'tax-summary',
  'hledger',
  'beancount',
]);
export type ExportKind = z.infer<typeof ExportKind>;

export const ExportRequest = z
  .object({
    kind: ExportKind,
    /**
     * A calendar year, or an inclusive range (from/to); neither: everything. Holdings are those
     * held at the period's last day (today when it has none).
     */
    year: z.number().int().min(1900).max(2999).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    accountIds: z.array(Id).max(200).optional(),
    /** Transactions CSV only: a category (or group) id matches a split by any of its parts. */
    categories: z.array(CategoryId).max(200).optional(),
    tags: z.array(Tag).max(50).optional(),
    /** CSV only: a byte-order mark so Excel reads the file as UTF-8. */
    bom: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.year === undefined || (r.from === undefined && r.to === undefined), {
    message: 'Give either a year or a date range, not both.',
  })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, {
    message: 'The range ends before it starts.',
  });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('saved'),
    /** The file's name (its folder stays in the main process). */
    name: z.string(),
    kind: ExportKind,
    /** Lines of data written (CSV rows, or journal transactions). */
    rows: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  z.object({ status: z.literal('cancelled') }),
]);
export type ExportResult = z.infer<typeof ExportResult>;

/** What the tax summary counts a category (or a whole group) as. */
export const TaxMark = z.enum(['deductible', 'charitable']);
export type TaxMark = z.infer<typeof TaxMark>;
export const CategoryTaxMark = z.object({ categoryId: CategoryId, mark: TaxMark });

export const exportCalls = {
  /**
   * Asks the main process's save dialog where, then writes the file whole or not at all (the
   * dialog confirms replacing an existing file). The browser host answers USE_DOWNLOAD.
   */
  'exports.write': { req: ExportRequest, res: ExportResult },
  'tax.marks': { req: Empty, res: z.object({ marks: z.array(CategoryTaxMark) }) },
  /** null clears the category's mark. */
  'tax.setMark': {
    req: z.object({ categoryId: CategoryId, mark: TaxMark.nullable() }).strict(),
    res: z.object({ marks: z.array(CategoryTaxMark) }),
  },
} as const;
