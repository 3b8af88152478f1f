/**
 * The only place that registers IPC handlers. Every channel first checks who is calling (the
 * sender frame must be a live main frame of the app's own origin, plus whatever the caller
 * adds), then runs the contract through the same dispatch as the browser host.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { callNames, type CallName, type CallShapes, type Envelope } from '../../shared/api';
import type { ApiHandlers } from '../services/core-types';
import { dispatch } from '../services/dispatch';

export type IpcMainLike = Pick<IpcMain, 'handle'>;

/** Returns why this event's sender may not use the channel, or null when it may. */
export type SenderCheck = (event: IpcMainInvokeEvent) => string | null;

function forbidden(channel: string, reason: string): Envelope<never> {
  return {
    ok: false,
    error: { code: 'FORBIDDEN_SENDER', message: `Refused ${channel}: ${reason}.`, plaid: null },
  };
}

/** ipcMain.handle with the sender checked before the payload is even looked at. */
export function handleChecked(
  ipcMain: IpcMainLike,
  channel: string,
  check: SenderCheck,
  handler: (payload: unknown, event: IpcMainInvokeEvent) => Promise<Envelope<unknown>>,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
    const reason = check(event);
    if (reason !== null) return forbidden(channel, reason);
    return handler(payload, event);
  });
}

/** What channel `name` answers: exactly what the preload's function of that name promises. */
function answerOf<K extends CallName>(handlers: ApiHandlers, name: K) {
  return ((payload: unknown) => dispatch(handlers, name, payload)) satisfies CallShapes<K>['bridge'];
}

/** One IPC channel per contract call, named after the call. */
export function registerIpc(ipcMain: IpcMainLike, handlers: ApiHandlers, check: SenderCheck): void {
  for (const name of callNames) handleChecked(ipcMain, name, check, answerOf(handlers, name));
}
