/** An export checked and ready to write, whichever host takes it (a file, or a download). */
import type { ExportKind } from '../../../shared/contract/exports';
import type { FileSink } from './atomic-file';

export interface PreparedExport {
  name: string;
  kind: ExportKind;
  /** Rows to go through, for progress. */
  total: number;
  /** Writes the export into the sink; returns the rows written. */
  produce(sink: FileSink): Promise<number>;
}
