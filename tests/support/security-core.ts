/**
 * A Core whose only real part is the security service (recovery key, backups) over a real,
 * unencrypted demo ledger: for the hosts' file handling (Electron dialogs, browser downloads and
 * uploads) without a keychain or Plaid. Every other call answers NOT_IN_FAKE.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '../../src/main/services/core-types';
import { openLedger, type Ledger } from '../../src/main/services/ledger/ledger';
import { WriterLock } from '../../src/main/services/ledger/writer-lock';
import type { Logger } from '../../src/main/services/log/logger';
import { envPaths } from '../../src/main/services/paths';
import { Redactor } from '../../src/main/services/plaid/redact';
import { createExportService, exportToFile, prepareExport } from '../../src/main/services/exports/service';
import type { FilePicker } from '../../src/main/services/security/file-picker';
import { createSecurityService, type SecurityService } from '../../src/main/services/security/handlers';
import { stubHandlers } from './stub-handlers';

const silent: Logger = { info() {}, warn() {}, error() {}, debug() {} };

export interface SecurityCore {
  core: Core;
  dataDir: string;
  ledgerFile: string;
  ledger: Ledger;
  /** Closes the service and the ledger, and removes the data dir. */
  dispose(): void;
}

export async function securityCore(): Promise<SecurityCore> {
  const dataDir = fs.mkdtempSync(path.join(tmpdir(), 'coffer-security-core-'));
  const paths = envPaths(dataDir, 'demo');
  fs.mkdirSync(paths.dir, { recursive: true });
  const ledger = openLedger(paths.ledger);
  const service: SecurityService = await createSecurityService({
    environment: 'demo',
    dataDir,
    envDir: paths.dir,
    recoveryFile: paths.ledgerRecovery,
    ledger,
    key: null,
    keychain: null,
    lock: new WriterLock(paths.writerLock),
    log: silent,
    redactor: new Redactor(),
    idle: async () => undefined,
    emit: () => undefined,
  });
  let picker: FilePicker | null = null;
  const exportDeps = { ledger, dataDir, emit: () => undefined };
  const core: Core = {
    handlers: {
      ...stubHandlers(),
      ...service.handlers,
      ...createExportService(exportDeps, () => picker),
    },
    info: () => {
      throw new Error('not in this fake');
    },
    onEvent: () => () => undefined,
    setLinkPresenter: () => undefined,
    setFilePicker: (next) => {
      picker = next;
      service.setFilePicker(next);
    },
    backups: service.backups,
    exports: {
      prepare: (req, onProgress) => prepareExport(exportDeps, req, onProgress),
      writeAt: (prepared, target, overwrite) => exportToFile(exportDeps, prepared, target, overwrite),
    },
    linkSandboxItem: async () => ({ status: 'exited', error: null }),
    close: async () => undefined,
  };
  return {
    core,
    dataDir,
    ledgerFile: paths.ledger,
    ledger,
    dispose() {
      service.close();
      ledger.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
