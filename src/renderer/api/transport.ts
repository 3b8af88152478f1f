import type { CallName } from '../../shared/api';
import type { ValidEvent } from './event-message';

/**
 * What a transport does: carry one call and bring back its raw envelope (unchecked), and deliver
 * validated events. The client on top is the same for IPC and HTTP.
 */
export interface Transport {
  call(name: CallName, req: unknown): Promise<unknown>;
  listen(emit: (event: ValidEvent) => void): void;
  close(): void;
}
