import type { AppErrorShape } from '../../shared/api';
import type { PlaidErrorShape } from '../../shared/plaid-error';

/**
 * An error that is safe to show: its message never contains a secret, and it carries Plaid's
 * error object when Plaid produced it.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly plaid: PlaidErrorShape | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, plaid: this.plaid };
  }
}

type SystemError = Error & { code?: unknown; syscall?: unknown; path?: unknown; dest?: unknown };

/** What a person can do about each errno: the code itself never reaches them. */
const ERRNO_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the system does not allow it',
  ENOENT: 'it or its folder does not exist',
  EEXIST: 'something is already there',
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EBUSY: 'it is in use',
  EMFILE: 'too many files are open',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'it is a loop of symbolic links',
  EXDEV: 'it is on another disk',
  EIO: 'the disk reported an error',
};

const SYSCALL_VERBS: Record<string, string> = {
  open: 'open',
  mkdir: 'create the folder',
  rename: 'move',
  unlink: 'remove',
  rmdir: 'remove the folder',
  write: 'write',
  read: 'read',
  stat: 'look at',
  lstat: 'look at',
  copyfile: 'copy',
  scandir: 'list',
  access: 'use',
};

/** One sentence for an operating-system error (errno), naming the file and never the code. */
export function describeSystemError(error: SystemError): string | null {
  if (typeof error.code !== 'string' || !/^E[A-Z]+$/.test(error.code)) return null;
  const reason = ERRNO_REASONS[error.code] ?? 'the system refused';
  const verb = (typeof error.syscall === 'string' && SYSCALL_VERBS[error.syscall]) || 'use';
  const file = typeof error.path === 'string' ? ` ${error.path}` : '';
  return `Coffer could not ${verb}${file}: ${reason}. Check the path and its permissions, or choose another place.`;
}

export const LEDGER_DAMAGED_ADVICE =
  'Nothing was changed. Run `coffer recover` to save what can still be read into a new ledger (the damaged file is kept), ' +
  'or restore a backup into a new data dir with `coffer restore --from <backup> --recovery-key - --data-dir <new dir>`.';

function isSqliteCorruption(error: SystemError): boolean {
  return error.code === 'SQLITE_CORRUPT' || error.code === 'SQLITE_NOTADB';
}

/** Anything thrown becomes an AppError; unknown errors keep only their message, never their properties. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof Error) {
    const system = error as SystemError;
    if (isSqliteCorruption(system)) {
      return new AppError(
        'LEDGER_DAMAGED',
        `The ledger is damaged (${error.message}). ${LEDGER_DAMAGED_ADVICE}`,
      );
    }
    const described = describeSystemError(system);
    if (described) return new AppError('FILE_ERROR', described);
    return new AppError('INTERNAL', error.message);
  }
  return new AppError('INTERNAL', String(error));
}

/** The parts of a zod issue a sentence needs (zod's own messages are for developers). */
export interface RequestIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  keys?: string[];
}

function fieldName(path: PropertyKey[]): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (typeof last !== 'string') return 'The request';
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `The ${words}`;
}

/** How a size limit reads for the kind of value it bounds. */
function outOfRange(issue: RequestIssue, side: 'most' | 'least'): string {
  const bound = side === 'most' ? issue.maximum : issue.minimum;
  const n = String(bound);
  const over = side === 'most';
  // Beyond the safe integers the bound is the number type's, not the field's: it tells nobody anything.
  if (Math.abs(Number(bound)) >= Number.MAX_SAFE_INTEGER) return `is too ${over ? 'large' : 'small'}`;
  if (issue.origin === 'string') return `is too ${over ? 'long' : 'short'}: at ${side} ${n} characters`;
  if (issue.origin === 'array' || issue.origin === 'set')
    return `has too ${over ? 'many' : 'few'} entries: at ${side} ${n}`;
  return `is too ${over ? 'large' : 'small'}: at ${side} ${n}`;
}

/** One sentence naming the field and what it accepts, for a request the contract refused. */
export function describeRequestIssue(issue: RequestIssue): string {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'too_big':
      return `${field} ${outOfRange(issue, 'most')}.`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? `${field} must not be empty.`
        : `${field} ${outOfRange(issue, 'least')}.`;
    case 'unrecognized_keys':
      return `The request has fields this version of Coffer does not know (${(issue.keys ?? []).join(', ')}).`;
    case 'invalid_type':
      return issue.path.length
        ? `${field} is missing or of the wrong kind.`
        : 'The request is not an object.';
    default:
      return `${field} is not valid.`;
  }
}
