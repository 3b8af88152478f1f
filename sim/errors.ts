/**
 * Plaid's errors: every failure leaves the simulator as Plaid's error object, with the HTTP
 * status Plaid documents for that code, so clients exercise their real error handling.
 */
export type PlaidErrorType =
  | 'INVALID_REQUEST'
  | 'INVALID_INPUT'
  | 'INVALID_RESULT'
  | 'ITEM_ERROR'
  | 'INSTITUTION_ERROR'
  | 'API_ERROR'
  | 'RATE_LIMIT_EXCEEDED'
  | 'TRANSACTIONS_ERROR'
  | 'SANDBOX_ERROR'
  | 'ASSET_REPORT_ERROR';

interface ErrorDefinition {
  type: PlaidErrorType;
  status: number;
  message: string;
  display: string | null;
}

const TRY_AGAIN_LATER =
  'This financial institution is not currently responding to requests. We apologize for the inconvenience.';

export const ERROR_CATALOG = {
  // INVALID_REQUEST
  MISSING_FIELDS: {
    type: 'INVALID_REQUEST',
    status: 400,
    message: 'the following required fields are missing',
    display: null,
  },
  UNKNOWN_FIELDS: {
    type: 'INVALID_REQUEST',
    status: 400,
    message: 'the following fields are not recognized by this endpoint',
    display: null,
  },
  INVALID_FIELD: {
    type: 'INVALID_REQUEST',
    status: 400,
    message: 'one or more of the request fields is invalid',
    display: null,
  },
  INVALID_BODY: {
    type: 'INVALID_REQUEST',
    status: 400,
    message: 'body could not be parsed as JSON',
    display: null,
  },
  INVALID_HEADERS: {
    type: 'INVALID_REQUEST',
    status: 400,
    message: 'the request headers are invalid',
    display: null,
  },
  NOT_FOUND: { type: 'INVALID_REQUEST', status: 404, message: 'not found', display: null },
  // INVALID_INPUT
  INVALID_API_KEYS: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'invalid client_id or secret provided',
    display: null,
  },
  INVALID_ACCESS_TOKEN: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'could not find matching access token',
    display: null,
  },
  INVALID_PUBLIC_TOKEN: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'could not find matching public token',
    display: null,
  },
  INVALID_LINK_TOKEN: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'provided link token is expired or invalid',
    display: 'Your session has expired. Please try again.',
  },
  INVALID_INSTITUTION: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'invalid institution_id provided',
    display: null,
  },
  INVALID_PRODUCT: { type: 'INVALID_INPUT', status: 400, message: 'invalid product provided', display: null },
  INVALID_ACCOUNT_ID: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'one or more of the provided account_ids is invalid',
    display: null,
  },
  ADDITIONAL_CONSENT_REQUIRED: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'the user has not consented to share the data this product needs',
    display: null,
  },
  // ITEM_ERROR
  INVALID_CREDENTIALS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the provided credentials were not correct',
    display: 'The provided credentials were not correct. Please try again.',
  },
  INVALID_MFA: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the provided MFA response(s) were not correct',
    display: 'The provided MFA responses were not correct. Please try again.',
  },
  INVALID_SEND_METHOD: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the provided MFA send_method was invalid',
    display: null,
  },
  INSUFFICIENT_CREDENTIALS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'insufficient authorization was provided to complete the request',
    display: 'The connection to your bank was not completed. Please try again.',
  },
  ITEM_LOCKED: {
    type: 'ITEM_ERROR',
    status: 400,
    message:
      "the account is locked. prompt the user to visit the institution's site and unlock their account",
    display: 'The given credentials belong to a locked account. Please visit your bank to unlock it.',
  },
  ITEM_LOGIN_REQUIRED: {
    type: 'ITEM_ERROR',
    status: 400,
    message:
      "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
    display: null,
  },
  ITEM_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'this account is currently not supported',
    display: 'Account not currently supported.',
  },
  MFA_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'this account requires a software-based MFA method that is not supported',
    display: 'This account requires multi-factor authentication that is not supported.',
  },
  NO_ACCOUNTS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'no valid accounts were found for this item',
    display:
      "No valid accounts were found at the financial institution. Please visit your financial institution's website to confirm accounts are available.",
  },
  PASSWORD_RESET_REQUIRED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the user must log in directly to the financial institution and reset their password',
    display: 'Please log in to your bank and reset your password, then try again.',
  },
  USER_SETUP_REQUIRED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the user must log in directly to the financial institution and take some action',
    display: 'Please log in to your bank and complete the required action, then try again.',
  },
  USER_INPUT_TIMEOUT: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the user did not complete a step in time',
    display: 'The session timed out. Please try again.',
  },
  PRODUCTS_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the requested products are not supported by this item',
    display: null,
  },
  ITEM_NOT_FOUND: {
    type: 'ITEM_ERROR',
    status: 400,
    message:
      'the Item you requested cannot be found. This Item does not exist, has been previously removed via /item/remove, or has had access removed by the user',
    display: null,
  },
  // Product availability
  PRODUCT_NOT_READY: {
    type: 'ITEM_ERROR',
    status: 400,
    message:
      'the requested product is not yet ready. please provide a webhook or try the request again later',
    display: null,
  },
  PRODUCT_NOT_ENABLED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the requested product is not enabled for this Item',
    display: null,
  },
  // ASSET_REPORT_ERROR: an Asset Report whose generation failed (selected through the admin API)
  ASSET_REPORT_GENERATION_FAILED: {
    type: 'ASSET_REPORT_ERROR',
    status: 400,
    message: 'Asset Report generation failed for one or more Items',
    display: 'The Asset Report could not be created. Try again later, or ask for fewer days of history.',
  },
  DATA_UNAVAILABLE: {
    type: 'ASSET_REPORT_ERROR',
    status: 400,
    message: 'no relevant data was found for one or more Items in the Asset Report',
    display: 'The bank did not provide the data this Asset Report needs.',
  },
  NO_AUTH_ACCOUNTS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'There are no valid checking or savings account(s) associated with this Item.',
    display: 'No valid checking or savings accounts were found at this institution.',
  },
  NO_INVESTMENT_ACCOUNTS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'There are no valid investment account(s) associated with this Item.',
    display: 'No valid investment accounts were found at this institution.',
  },
  NO_LIABILITY_ACCOUNTS: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'There are no valid liability account(s) associated with this Item.',
    display: 'No valid liability accounts were found at this institution.',
  },
  INVALID_USER_TOKEN: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'could not find matching user token',
    display: null,
  },
  // INSTITUTION_ERROR
  INSTITUTION_DOWN: {
    type: 'INSTITUTION_ERROR',
    status: 400,
    message: 'this institution is not currently responding to this request. please try again soon',
    display: TRY_AGAIN_LATER,
  },
  INSTITUTION_NOT_RESPONDING: {
    type: 'INSTITUTION_ERROR',
    status: 400,
    message: 'this institution is not currently responding to this request. please try again soon',
    display: TRY_AGAIN_LATER,
  },
  INSTITUTION_NOT_AVAILABLE: {
    type: 'INSTITUTION_ERROR',
    status: 400,
    message: 'this institution is not currently responding to this request. please try again soon',
    display: TRY_AGAIN_LATER,
  },
  INSTITUTION_NO_LONGER_SUPPORTED: {
    type: 'INSTITUTION_ERROR',
    status: 400,
    message: 'this institution is no longer supported',
    display: 'This financial institution is no longer supported. We apologize for the inconvenience.',
  },
  // API_ERROR
  INTERNAL_SERVER_ERROR: {
    type: 'API_ERROR',
    status: 500,
    message: 'an unexpected error occurred',
    display: 'Something went wrong. Please try again later.',
  },
  PLANNED_MAINTENANCE: {
    type: 'API_ERROR',
    status: 503,
    message: 'the Plaid API is undergoing planned maintenance',
    display: null,
  },
  USER_PERMISSION_REVOKED: {
    type: 'ITEM_ERROR',
    status: 400,
    message: 'the user has revoked access to their account data',
    display: null,
  },
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: {
    type: 'INVALID_INPUT',
    status: 400,
    message: 'invalid key_id provided. note that key_ids are specific to Plaid environments',
    display: null,
  },
  // RATE_LIMIT_EXCEEDED
  RATE_LIMIT_EXCEEDED: {
    type: 'RATE_LIMIT_EXCEEDED',
    status: 429,
    message: 'rate limit exceeded for this endpoint',
    display: null,
  },
  // SANDBOX_ERROR
  SANDBOX_WEBHOOK_INVALID: {
    type: 'SANDBOX_ERROR',
    status: 400,
    message: 'the Item has no webhook URL, or it is not a valid URL',
    display: null,
  },
  SANDBOX_PRODUCT_NOT_ENABLED: {
    type: 'SANDBOX_ERROR',
    status: 400,
    message: 'the requested product is not enabled for this Item',
    display: null,
  },
  // TRANSACTIONS_ERROR
  TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION: {
    type: 'TRANSACTIONS_ERROR',
    status: 400,
    message:
      'Underlying transaction data changed since last page was fetched. Please restart pagination from last update.',
    display: null,
  },
} as const satisfies Record<string, ErrorDefinition>;

export type PlaidErrorCode = keyof typeof ERROR_CATALOG;

export function isPlaidErrorCode(code: string): code is PlaidErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, code);
}

/** Plaid's error object as it appears at the top level of a failed response. */
export interface PlaidErrorBody {
  error_type: PlaidErrorType;
  error_code: string;
  error_code_reason: null;
  error_message: string;
  display_message: string | null;
  request_id: string;
  causes: [];
  status: number;
  documentation_url: string;
  suggested_action: null;
}

/** Thrown by handlers; the server turns it into Plaid's error response. */
export class PlaidApiError extends Error {
  readonly code: PlaidErrorCode;

  /** `message` replaces the catalogue's developer message (e.g. to name the offending field). */
  constructor(code: PlaidErrorCode, message?: string) {
    super(message ?? ERROR_CATALOG[code].message);
    this.code = code;
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }

  toBody(requestId: string): PlaidErrorBody {
    const def: ErrorDefinition = ERROR_CATALOG[this.code];
    return {
      error_type: def.type,
      error_code: this.code,
      error_code_reason: null,
      error_message: this.message,
      display_message: def.display,
      request_id: requestId,
      causes: [],
      status: def.status,
      documentation_url: documentationUrl(def.type, this.code),
      suggested_action: null,
    };
  }
}

/** The error as embedded in an Item (`item.error`): the same object without a request id. */
export function itemErrorObject(code: PlaidErrorCode): Omit<PlaidErrorBody, 'request_id'> {
  const { request_id: _omitted, ...rest } = new PlaidApiError(code).toBody('');
  return rest;
}

export function documentationUrl(type: PlaidErrorType, code: string): string {
  const section =
    type === 'ITEM_ERROR'
      ? 'item'
      : type
          .replace(/_ERROR$/, '')
          .toLowerCase()
          .replace(/_/g, '-');
  return `https://plaid.com/docs/errors/${section}/#${code.toLowerCase()}`;
}
