/**
 * The minimal surface of Plaid's link-initialize.js (and the simulator's stand-in) that the Link
 * page uses. Declared as types, not as a global augmentation: the page reads `window.Plaid`
 * through a runtime check because the script comes from another origin.
 */
import type { LinkPageResult } from '../../shared/link';

type SuccessResult = Extract<LinkPageResult, { kind: 'success' }>;
type ExitResult = Extract<LinkPageResult, { kind: 'exit' }>;

export interface PlaidLinkOptions {
  token: string;
  onSuccess(publicToken: string, metadata: SuccessResult['metadata']): void;
  onExit(error: ExitResult['error'], metadata: ExitResult['metadata']): void;
  onEvent?(eventName: string, metadata: Record<string, unknown>): void;
  onLoad?(): void;
}

export interface PlaidLinkHandler {
  open(): void;
  exit(options?: { force?: boolean }): void;
  destroy(): void;
}

export interface PlaidLinkFactory {
  create(options: PlaidLinkOptions): PlaidLinkHandler;
}
