import type { CallName } from '../../shared/api';
import type { ValidEvent } from './event-message';

/**
 * What a transport does: carry one call and bring back its raw envelope (unchecked), and deliver
 * validated events. The client on top is the same for IPC and HTTP.
 */
export interface Transport {
  /**
   * `lane`: a newer call of the same name in the same lane makes this one moot if it has not
   * started yet; the host may then answer SUPERSEDED instead of running it.
   */
  call(name: CallName, req: unknown, lane?: string): Promise<unknown>;
  listen(emit: (event: ValidEvent) => void): void;
  close(): void;
}
