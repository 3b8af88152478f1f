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

/** Anything thrown becomes an AppError; unknown errors keep only their message, never their properties. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', message);
}
