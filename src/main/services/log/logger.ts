/**
 * A small rotating JSON-lines logger: `<dataDir>/<env>/logs/coffer.log`, rotated by size,
 * keeping three old files. Every line passes through the Redactor, so a token or secret that
 * slips into a message or field is scrubbed before it reaches the disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Redactor } from '../plaid/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface FileLoggerOptions {
  file: string;
  redactor: Redactor;
  maxBytes?: number;
  keep?: number;
  minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const min = ORDER[options.minLevel ?? 'info'];
  fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });

  const rotateIfNeeded = (incoming: number) => {
    let size = 0;
    try {
      size = fs.statSync(options.file).size;
    } catch {
      return;
    }
    if (size + incoming <= maxBytes) return;
    for (let i = keep; i >= 1; i--) {
      const from = i === 1 ? options.file : `${options.file}.${i - 1}`;
      try {
        fs.renameSync(from, `${options.file}.${i}`);
      } catch {
        // A missing older file is normal.
      }
    }
  };

  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[level] < min) return;
    const record = options.redactor.value({
      ts: new Date().toISOString(),
      level,
      pid: process.pid,
      msg,
      ...fields,
    });
    const line = `${JSON.stringify(record)}\n`;
    try {
      rotateIfNeeded(Buffer.byteLength(line));
      fs.appendFileSync(options.file, line, { mode: 0o600 });
    } catch {
      // Logging must never take the app down (full disk, read-only dir).
    }
  };

  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
