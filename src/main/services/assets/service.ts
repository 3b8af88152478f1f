/**
 * Asset Reports (issue 16): chosen Items and days → /asset_report/create → ready when Plaid says
 * so (ASSETS webhooks through the relay), or when /asset_report/get stops answering
 * PRODUCT_NOT_READY (polled within the error policy's bound) → shown, saved as PDF, refreshed,
 * removed. Each report's token goes to the keychain; the ledger keeps the rest until removal.
 */
import type { AssetReport } from 'plaid';
import type { AssetReportContent, AssetReportSummary } from '../../../shared/contract/assets';
import type { CallHandlers } from '../../../shared/api';
import type { CoreContext } from '../context';
import { AppError, toAppError } from '../errors';
import { writeBytesAtomically } from '../exports/atomic-file';
import { lifecycleRow } from '../items/lifecycle-store';
import { itemHasProduct } from '../items/product-status';
import { getItem } from '../items/store';
import { decideError } from '../plaid/errors';
import { assetReportTokenPurpose, itemTokenPurpose } from '../secrets/store';
import { reportContent } from './content';
import {
  assetReportRow,
  assetReportRows,
  deleteAssetReport,
  insertAssetReport,
  markFailed,
  markReady,
  summaryOf,
  type AssetReportRow,
} from './store';

/** How the host lets the user choose where a PDF goes (Electron: the save dialog); null: cancelled. */
export type PdfSavePicker = (suggestedName: string) => Promise<string | null>;

type AssetCallName =
  'assets.list' | 'assets.create' | 'assets.get' | 'assets.refresh' | 'assets.remove' | 'assets.savePdf';

export class AssetReports {
  private readonly settling = new Map<string, Promise<void>>();
  private picker: PdfSavePicker | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly dataDir: string,
  ) {}

  setPdfPicker(picker: PdfSavePicker | null): void {
    this.picker = picker;
  }

  private institutionName = (itemId: string) =>
    getItem(this.ctx.ledger, itemId)?.institutionName ?? 'Removed bank';

  private summary(row: AssetReportRow): AssetReportSummary {
    return summaryOf(row, this.institutionName);
  }

  private requireRow(id: string): AssetReportRow {
    const row = assetReportRow(this.ctx.ledger, id);
    if (!row) throw new AppError('NOT_FOUND', `No Asset Report with id ${id} in this ledger.`);
    return row;
  }

  private async secret(purpose: string, missing: string): Promise<string> {
    const value = await this.ctx.secrets.get(purpose);
    if (!value) throw new AppError('TOKEN_MISSING', missing);
    this.ctx.redactor.add(value);
    return value;
  }

  private reportToken(id: string): Promise<string> {
    return this.secret(
      assetReportTokenPurpose(id),
      'The keychain holds no token for this Asset Report; remove it and create a new one.',
    );
  }

  /** The Item's access token, once it is known to have Assets. */
  private async itemToken(itemId: string): Promise<string> {
    const { ctx } = this;
    const item = getItem(ctx.ledger, itemId);
    if (!item || lifecycleRow(ctx.ledger, itemId)?.removedAt)
      throw new AppError('NOT_FOUND', `No bank connection with id ${itemId} in this ledger.`);
    if (!itemHasProduct(ctx.ledger, itemId, 'assets'))
      throw new AppError(
        'PRODUCT_MISSING',
        `${item.institutionName} does not share Assets with Coffer yet: add Assets to this bank first.`,
      );
    const token = await this.secret(
      itemTokenPurpose(itemId),
      'The keychain holds no access token for this bank connection; remove it and link the bank again.',
    );
    ctx.plaid.bindInstitution(token, item.institutionId);
    return token;
  }

  list(): AssetReportSummary[] {
    return assetReportRows(this.ctx.ledger).map((r) => this.summary(r));
  }

  async create(itemIds: readonly string[], daysRequested: number): Promise<AssetReportSummary> {
    const unique = [...new Set(itemIds)];
    const tokens = [];
    for (const itemId of unique) tokens.push(await this.itemToken(itemId));
    const created = await this.ctx.plaid.assetReportCreate(tokens, daysRequested, {
      clientReportId: this.ctx.ledgerId,
    });
    return this.keep(created, unique, daysRequested, null);
  }

  private async keep(
    created: { asset_report_id: string; asset_report_token: string },
    itemIds: string[],
    daysRequested: number,
    refreshedFrom: string | null,
  ): Promise<AssetReportSummary> {
    const { ctx } = this;
    const id = created.asset_report_id;
    ctx.redactor.add(created.asset_report_token);
    await ctx.secrets.set(assetReportTokenPurpose(id), created.asset_report_token);
    ctx.ledger.write(() =>
      insertAssetReport(ctx.ledger, { assetReportId: id, itemIds, daysRequested, refreshedFrom }),
    );
    ctx.log.info('asset report requested', { assetReportId: id, items: itemIds.length, daysRequested });
    ctx.emit('ledger.changed', { reason: 'assets' });
    // Plaid takes a while: the webhook or the bounded poll finishes it; the caller need not wait.
    void this.settle(id, true).catch(() => undefined);
    return this.summary(this.requireRow(id));
  }

  /** Asks Plaid once about a pending report (polling PRODUCT_NOT_READY within the policy's bound when `poll`). */
  settle(id: string, poll: boolean): Promise<void> {
    const running = this.settling.get(id);
    if (running) return running;
    const check = this.check(id, poll).finally(() => this.settling.delete(id));
    this.settling.set(id, check);
    return check;
  }

  private async check(id: string, poll: boolean): Promise<void> {
    const { ctx } = this;
    const row = assetReportRow(ctx.ledger, id);
    if (!row || row.status !== 'pending') return;
    const token = await this.reportToken(id);
    let report: AssetReport;
    try {
      ({ report } = await ctx.plaid.assetReportGet(token, poll));
    } catch (error) {
      const failure = toAppError(error);
      const code = failure.plaid?.error_code;
      if (code === 'PRODUCT_NOT_READY') {
        ctx.log.info('asset report not ready yet', { assetReportId: id });
        return;
      }
      // Waiting helps transient failures; anything else is the report's answer.
      if (!failure.plaid || decideError(failure).action === 'retry-transient') throw failure;
      ctx.ledger.write(() => markFailed(ctx.ledger, id, failure.plaid!));
      ctx.log.warn('asset report failed', { assetReportId: id, error_code: code ?? null });
      ctx.emit('ledger.changed', { reason: 'assets' });
      return;
    }
    ctx.ledger.write(() => markReady(ctx.ledger, id, report, report.date_generated));
    ctx.log.info('asset report ready', { assetReportId: id });
    ctx.emit('ledger.changed', { reason: 'assets' });
  }

  /** An ASSETS webhook (PRODUCT_READY or ERROR): the report's answer is one /asset_report/get away. */
  onWebhook(assetReportId: string | null): void {
    if (!assetReportId || !assetReportRow(this.ctx.ledger, assetReportId)) return;
    void this.settle(assetReportId, false).catch((error: unknown) =>
      this.ctx.log.warn('asset report check after webhook failed', {
        assetReportId,
        code: toAppError(error).code,
      }),
    );
  }

  async get(id: string): Promise<{ report: AssetReportSummary; content: AssetReportContent | null }> {
    const before = this.requireRow(id);
    if (before.status === 'pending') await this.settle(id, false);
    const row = this.requireRow(id);
    return {
      report: this.summary(row),
      content: row.status === 'ready' && row.report ? reportContent(row.report as AssetReport) : null,
    };
  }

  async refresh(id: string): Promise<AssetReportSummary> {
    const row = this.requireRow(id);
    const token = await this.reportToken(id);
    const created = await this.ctx.plaid.assetReportRefresh(token, row.daysRequested);
    return this.keep(created, row.itemIds, row.daysRequested, id);
  }

  async remove(id: string): Promise<void> {
    const { ctx } = this;
    this.requireRow(id);
    const token = await ctx.secrets.get(assetReportTokenPurpose(id));
    if (token) {
      ctx.redactor.add(token);
      try {
        await ctx.plaid.assetReportRemove(token);
      } catch (error) {
        // Plaid no longer knowing the report is what removing wants; other failures keep it.
        if (toAppError(error).plaid?.error_code !== 'INVALID_FIELD') throw error;
      }
    }
    await ctx.secrets.delete(assetReportTokenPurpose(id));
    ctx.ledger.write(() => deleteAssetReport(ctx.ledger, id));
    ctx.log.info('asset report removed', { assetReportId: id });
    ctx.emit('ledger.changed', { reason: 'assets' });
  }

  /** The report's PDF from Plaid, with the file name offered for it. */
  async pdf(id: string): Promise<{ bytes: Buffer; fileName: string }> {
    const row = this.requireRow(id);
    if (row.status !== 'ready')
      throw new AppError('NOT_READY', 'The Asset Report is not ready yet; its PDF can be saved once it is.');
    const bytes = await this.ctx.plaid.assetReportPdfGet(await this.reportToken(id));
    const day = (row.generatedAt ?? row.createdAt).slice(0, 10);
    return { bytes, fileName: `asset-report-${day}-${id.slice(0, 8)}.pdf` };
  }

  /** Writes the PDF whole at `target` (or nothing); an existing file is replaced only with `overwrite`. */
  async saveTo(id: string, target: string, overwrite: boolean): Promise<{ path: string; bytes: number }> {
    const { bytes } = await this.pdf(id);
    return writeBytesAtomically(target, overwrite, this.dataDir, bytes);
  }

  /** The window's "Save PDF": the host's dialog chooses the place (and confirmed any replacement). */
  async savePdf(id: string): Promise<{ saved: boolean; fileName: string | null }> {
    if (!this.picker)
      throw new AppError('USE_DOWNLOAD', 'In the browser, the PDF is a download: use "Download PDF".');
    const { bytes, fileName } = await this.pdf(id);
    const target = await this.picker(fileName);
    if (!target) return { saved: false, fileName: null };
    writeBytesAtomically(target, true, this.dataDir, bytes);
    return { saved: true, fileName: target };
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.settling.values()]);
  }

  handlers(): Pick<CallHandlers, AssetCallName> {
    return {
      'assets.list': async () => ({ reports: this.list() }),
      'assets.create': async (req) => ({ report: await this.create(req.itemIds, req.daysRequested) }),
      'assets.get': async (req) => this.get(req.assetReportId),
      'assets.refresh': async (req) => ({ report: await this.refresh(req.assetReportId) }),
      'assets.remove': async (req) => {
        await this.remove(req.assetReportId);
        return { removed: true as const };
      },
      'assets.savePdf': async (req) => this.savePdf(req.assetReportId),
    };
  }
}
