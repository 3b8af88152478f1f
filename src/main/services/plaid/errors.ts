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
    /** From a Retry-After header: the earliest moment a retry may be sent. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(
      `PLAID_${shape.error_code}`,
      shape.display_message ?? `Plaid: ${shape.error_code}: ${shape.error_message}`,
      shape,
    );
    this.name = 'PlaidApiError';
  }
}

/**
 * Plaid could not be reached (connection refused, DNS) or did not answer in time: retrying later
 * may work. A timeout says so, never "check your internet": the network may be fine.
 */
export class PlaidUnreachableError extends AppError {
  constructor(
    readonly reason: string,
    readonly kind: 'timeout' | 'network' = 'network',
  ) {
    const display =
      kind === 'timeout'
        ? `${reason[0].toUpperCase()}${reason.slice(1)}. Coffer will try again at the next sync.`
        : 'Could not reach the bank connection service. Check your internet connection and try again.';
    super(
      'PLAID_UNREACHABLE',
      kind === 'timeout'
        ? `${display}`
        : `Could not reach Plaid (${reason}). Check the network connection and try again.`,
      {
        error_type: 'COFFER_ERROR',
        error_code: 'PLAID_UNREACHABLE',
        error_message: kind === 'timeout' ? `${reason}.` : `Could not reach Plaid (${reason}).`,
        display_message: display,
        request_id: null,
      },
    );
    this.name = 'PlaidUnreachableError';
  }
}

/** axios says "timeout of 30000ms exceeded": the wait a person is told about. */
function timeoutReason(message: string | undefined): string {
  const ms = /timeout of (\d+)ms/.exec(message ?? '')?.[1];
  return ms
    ? `Plaid did not answer within ${Math.max(1, Math.round(Number(ms) / 1000))} s`
    : 'Plaid did not answer in time';
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

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

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
        parseRetryAfter(response.headers?.['retry-after']),
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
      parseRetryAfter(response.headers?.['retry-after']),
    );
  }
  if (e.code && TIMEOUT_CODES.has(e.code))
    return new PlaidUnreachableError(timeoutReason(e.message), 'timeout');
  if (e.code && NETWORK_CODES[e.code]) return new PlaidUnreachableError(NETWORK_CODES[e.code], 'network');
  if (e.isAxiosError) return new PlaidUnreachableError('network error');
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', redactText(message));
}

/**
 * The error policy: what to do about a failure, decided by Plaid's error_type AND error_code
 * (never the HTTP status), from research/plaid-api.md §5.
 * - retry-transient: backoff with full jitter, Retry-After honoured, bounded attempts (retry.ts);
 * - restart-loop: /transactions/sync pagination restarts from the loop's first cursor;
 * - poll: not ready yet; ask again later at a slow, bounded pace;
 * - user-action: only the user can fix it (update mode, removing the Item, new keys);
 * - bug: a request Coffer should never have made; never retried, logged with its request_id.
 */
export type ErrorAction = 'retry-transient' | 'restart-loop' | 'poll' | 'user-action' | 'bug';

/** The one thing the user can do about an Item's state (the banner's button). */
export type Remedy = 'reconnect' | 'remove' | 'retry' | null;

export interface ErrorDecision {
  action: ErrorAction;
  /** The Item's health when a sync ends with this error. */
  health: ItemHealthState;
  remedy: Remedy;
  /** Counts against the institution's circuit breaker: the bank (or Plaid in front of it) is struggling. */
  institutionFault: boolean;
}

export type ItemHealthState =
  | 'ok'
  | 'login_required'
  | 'pending_expiration'
  | 'pending_disconnect'
  | 'permission_revoked'
  | 'institution_down'
  | 'error';

const TRANSIENT_INSTITUTION = new Set([
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'INSTITUTION_NOT_AVAILABLE',
]);
/** ITEM_ERRORs the user fixes by logging in again through update mode. */
const RELOGIN_ITEM_CODES = new Set([
  'ITEM_LOGIN_REQUIRED',
  'INVALID_CREDENTIALS',
  'INVALID_MFA',
  'INVALID_SEND_METHOD',
  'INVALID_OTP',
  'INVALID_PHONE_NUMBER',
  'INVALID_UPDATED_USERNAME',
  'INSUFFICIENT_CREDENTIALS',
  'ITEM_LOCKED',
  'ACCESS_NOT_GRANTED',
  'PASSWORD_RESET_REQUIRED',
  'USER_SETUP_REQUIRED',
  'USER_INPUT_TIMEOUT',
]);
/** ITEM_ERRORs no login fixes: the Item is gone or cannot do what Coffer needs. */
const DEAD_ITEM_CODES = new Set([
  'ITEM_NOT_FOUND',
  'ITEM_CONCURRENTLY_DELETED',
  'ITEM_NOT_SUPPORTED',
  'MFA_NOT_SUPPORTED',
  'PRODUCTS_NOT_SUPPORTED',
  'PRODUCT_NOT_ENABLED',
  'NO_AUTH_ACCOUNTS',
  'NO_INVESTMENT_ACCOUNTS',
  'NO_INVESTMENT_AUTH_ACCOUNTS',
  'NO_LIABILITY_ACCOUNTS',
]);
/** Codes Plaid reports in an ITEM webhook or /item/get that are states, not failures of a call. */
const NOT_READY_CODES = new Set(['PRODUCT_NOT_READY']);

const decision = (
  action: ErrorAction,
  health: ItemHealthState,
  remedy: Remedy,
  institutionFault = false,
): ErrorDecision => ({ action, health, remedy, institutionFault });

/** Coffer's own codes for failures that are not Plaid's answers. */
export const CIRCUIT_OPEN = 'INSTITUTION_CIRCUIT_OPEN';

export function decideError(error: AppError): ErrorDecision {
  if (error instanceof PlaidUnreachableError) {
    // A hung call is as likely the bank behind Plaid as our network; a refused connection is ours.
    return decision('retry-transient', 'error', 'retry', error.kind === 'timeout');
  }
  if (!error.plaid || error.plaid.error_type === 'COFFER_ERROR') return decideCofferCode(error.code);
  return decidePlaid(error.plaid.error_type, error.plaid.error_code);
}

/** The decision for an error kept in Plaid's shape (an Item's stored error, a webhook's error). */
export function decideShape(shape: PlaidErrorShape): ErrorDecision {
  return shape.error_type === 'COFFER_ERROR'
    ? decideCofferCode(shape.error_code)
    : decidePlaid(shape.error_type, shape.error_code);
}

function decideCofferCode(code: string): ErrorDecision {
  if (code === CIRCUIT_OPEN) return decision('retry-transient', 'institution_down', 'retry');
  if (code === 'PLAID_UNREACHABLE') return decision('retry-transient', 'error', 'retry');
  // The token is gone from the keychain: only linking the bank again helps.
  if (code === 'ACCESS_TOKEN_MISSING') return decision('user-action', 'error', 'remove');
  return decision('bug', 'error', null);
}

/** The decision table for a Plaid error object (a failed call, or an error in an ITEM webhook). */
export function decidePlaid(type: string, code: string): ErrorDecision {
  switch (type) {
    case 'API_ERROR':
      // INTERNAL_SERVER_ERROR can mask an institution problem; planned maintenance is Plaid's own.
      return decision('retry-transient', 'error', 'retry', code !== 'PLANNED_MAINTENANCE');
    case 'RATE_LIMIT_EXCEEDED':
      // Used-up free credits are not fixed by waiting.
      if (code === 'CREDITS_EXHAUSTED') return decision('user-action', 'error', null);
      return decision('retry-transient', 'error', 'retry', code === 'INSTITUTION_RATE_LIMIT');
    case 'INSTITUTION_ERROR':
      if (TRANSIENT_INSTITUTION.has(code))
        return decision('retry-transient', 'institution_down', 'retry', true);
      if (code === 'INSTITUTION_NO_LONGER_SUPPORTED' || code === 'UNSUPPORTED_RESPONSE')
        return decision('user-action', 'error', 'remove');
      // INSTITUTION_NOT_ENABLED_IN_ENVIRONMENT, UNAUTHORIZED_INSTITUTION, INSTITUTION_REGISTRATION_REQUIRED:
      // the Plaid account's configuration, which the user (the Plaid customer) changes in the Dashboard.
      return decision('user-action', 'error', null);
    case 'TRANSACTIONS_ERROR':
      return code === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION'
        ? decision('restart-loop', 'ok', null)
        : decision('bug', 'error', null);
    case 'ITEM_ERROR':
    case 'ASSET_REPORT_ERROR':
      if (NOT_READY_CODES.has(code)) return decision('poll', 'ok', null);
      if (RELOGIN_ITEM_CODES.has(code)) return decision('user-action', 'login_required', 'reconnect');
      if (code === 'USER_PERMISSION_REVOKED') return decision('user-action', 'permission_revoked', 'remove');
      if (DEAD_ITEM_CODES.has(code)) return decision('user-action', 'error', 'remove');
      // NO_ACCOUNTS and the rest: update mode with account selection is the one thing that may help.
      return decision('user-action', 'error', 'reconnect');
    case 'OAUTH_ERROR':
      return decision('user-action', 'login_required', 'reconnect');
    case 'INVALID_INPUT':
      if (code === 'USER_PERMISSION_REVOKED') return decision('user-action', 'permission_revoked', 'remove');
      if (code === 'ADDITIONAL_CONSENT_REQUIRED')
        return decision('user-action', 'login_required', 'reconnect');
      // Wrong keys for the environment are the user's to fix (they bring their own keys).
      if (code === 'INVALID_API_KEYS' || code === 'UNAUTHORIZED_ENVIRONMENT')
        return decision('user-action', 'error', null);
      // A token Plaid no longer knows: nothing to retry, the Item must be linked again.
      if (code === 'INVALID_ACCESS_TOKEN') return decision('bug', 'error', 'remove');
      return decision('bug', 'error', null);
    default:
      // INVALID_REQUEST, INVALID_RESULT, SANDBOX_ERROR and anything unknown: never retried blindly.
      return decision('bug', 'error', null);
  }
}

export function classifyError(error: AppError): ErrorAction {
  return decideError(error).action;
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
