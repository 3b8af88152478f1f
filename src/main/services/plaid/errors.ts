/**
 * Turning Plaid SDK (axios) failures into errors that are safe to keep: Plaid's error object and
 * HTTP status only. The axios error itself is never kept, logged or rethrown: its `config`
 * carries the PLAID-SECRET header and its request body may carry an access token.
 */
import { PlaidErrorShape } from '../../../shared/plaid-error';
import { AppError } from '../errors';
import { redactText } from './redact';

export class PlaidApiError extends AppError {
  constructor(
    readonly shape: PlaidErrorShape,
    readonly status: number | null,
  ) {
    super(
      `PLAID_${shape.error_code}`,
      shape.display_message ?? `Plaid: ${shape.error_code}: ${shape.error_message}`,
      shape,
    );
    this.name = 'PlaidApiError';
  }
}

/** Plaid could not be reached (timeout, connection refused, DNS): retrying later may work. */
export class PlaidUnreachableError extends AppError {
  constructor(readonly reason: string) {
    super(
      'PLAID_UNREACHABLE',
      `Could not reach Plaid (${reason}). Check the network connection and try again.`,
      {
        error_type: 'COFFER_ERROR',
        error_code: 'PLAID_UNREACHABLE',
        error_message: `Could not reach Plaid (${reason}).`,
        display_message:
          'Could not reach the bank connection service. Check your internet connection and try again.',
        request_id: null,
      },
    );
    this.name = 'PlaidUnreachableError';
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNABORTED: 'the request timed out',
  ETIMEDOUT: 'the request timed out',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'the server name could not be resolved',
  EAI_AGAIN: 'the server name could not be resolved',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the server is unreachable',
  ERR_NETWORK: 'network error',
  ERR_CANCELED: 'the request was cancelled',
};

interface AxiosLike {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

/** The one place that turns a thrown SDK failure into a safe AppError. */
export function toPlaidError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as AxiosLike;
  const response = e.response;
  if (response) {
    const data = response.data as Record<string, unknown> | undefined;
    const parsed = PlaidErrorShape.safeParse(
      data && typeof data === 'object'
        ? { ...data, display_message: data.display_message ?? null, request_id: data.request_id ?? null }
        : null,
    );
    if (parsed.success) {
      const { error_type, error_code, error_message, display_message, request_id } = parsed.data;
      return new PlaidApiError(
        { error_type, error_code, error_message: redactText(error_message), display_message, request_id },
        response.status ?? null,
      );
    }
    const status = response.status ?? 0;
    return new PlaidApiError(
      {
        error_type: status >= 500 ? 'API_ERROR' : 'INVALID_RESULT',
        error_code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNEXPECTED_RESPONSE',
        error_message: `Plaid answered HTTP ${status} without an error object.`,
        display_message: null,
        request_id:
          typeof response.headers?.['plaid-request-id'] === 'string'
            ? response.headers['plaid-request-id']
            : null,
      },
      status || null,
    );
  }
  if (e.code && NETWORK_CODES[e.code]) return new PlaidUnreachableError(NETWORK_CODES[e.code]);
  if (e.isAxiosError) return new PlaidUnreachableError('network error');
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', redactText(message));
}

export type ErrorAction = 'retry-transient' | 'restart-loop' | 'poll' | 'user-action' | 'bug';

const TRANSIENT_INSTITUTION = new Set([
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'INSTITUTION_NOT_AVAILABLE',
]);
const USER_ITEM_CODES = new Set([
  'ITEM_LOGIN_REQUIRED',
  'INVALID_CREDENTIALS',
  'INVALID_MFA',
  'INVALID_SEND_METHOD',
  'INVALID_OTP',
  'INSUFFICIENT_CREDENTIALS',
  'ITEM_LOCKED',
  'ITEM_NOT_FOUND',
  'ACCESS_NOT_GRANTED',
  'PASSWORD_RESET_REQUIRED',
  'USER_SETUP_REQUIRED',
  'USER_INPUT_TIMEOUT',
  'NO_ACCOUNTS',
  'ITEM_CONCURRENTLY_DELETED',
]);

/**
 * What to do about an error, by Plaid's error_type AND error_code (never the HTTP status).
 * A first cut: later issues grow the table (long backoffs for institutions, webhooks for polls).
 */
export function classifyError(error: AppError): ErrorAction {
  if (error instanceof PlaidUnreachableError) return 'retry-transient';
  const p = error.plaid;
  if (!p || p.error_type === 'COFFER_ERROR')
    return error.code === 'PLAID_UNREACHABLE' ? 'retry-transient' : 'bug';
  switch (p.error_type) {
    case 'API_ERROR':
      return 'retry-transient';
    case 'RATE_LIMIT_EXCEEDED':
      return p.error_code === 'CREDITS_EXHAUSTED' ? 'user-action' : 'retry-transient';
    case 'INSTITUTION_ERROR':
      return TRANSIENT_INSTITUTION.has(p.error_code) ? 'retry-transient' : 'user-action';
    case 'TRANSACTIONS_ERROR':
      return p.error_code === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' ? 'restart-loop' : 'bug';
    case 'ITEM_ERROR':
      if (p.error_code === 'PRODUCT_NOT_READY') return 'poll';
      return USER_ITEM_CODES.has(p.error_code) ? 'user-action' : 'bug';
    case 'INVALID_INPUT':
      // Wrong keys or a revoked permission are fixed by the user; the rest is our bug.
      return p.error_code === 'INVALID_API_KEYS' ||
        p.error_code === 'USER_PERMISSION_REVOKED' ||
        p.error_code === 'ADDITIONAL_CONSENT_REQUIRED' ||
        p.error_code === 'UNAUTHORIZED_ENVIRONMENT'
        ? 'user-action'
        : 'bug';
    default:
      return 'bug';
  }
}

/** A plain Plaid-shaped error for failures that are not Plaid's, so items can show a display_message. */
export function itemErrorShape(error: AppError): PlaidErrorShape {
  if (error.plaid) return error.plaid;
  return {
    error_type: 'COFFER_ERROR',
    error_code: error.code,
    error_message: redactText(error.message),
    display_message: redactText(error.message),
    request_id: null,
  };
}
