/**
 * One implementation of "run a contract call": parse the request with the call's zod schema,
 * run the handler, check the response against its schema, and turn any failure into the
 * contract's error envelope. Both transports (IPC and the browser host) go through here.
 */
import { ZodError } from 'zod';
import {
  calls,
  isCallName,
  type AppErrorShape,
  type CallName,
  type CallResponse,
  type Envelope,
} from '../../shared/api';
import type { ApiHandlers } from './core-types';
import { AppError, describeRequestIssue, toAppError } from './errors';

/** For developers (logs, a broken response): the schema's own words. */
function describeZod(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}

/**
 * A call named in code gets its own response type (the result was checked against that call's
 * response schema); a name off the wire may be no call at all.
 */
export async function dispatch<K extends CallName>(
  handlers: ApiHandlers,
  name: K,
  payload: unknown,
): Promise<Envelope<CallResponse<K>>>;
export async function dispatch(
  handlers: ApiHandlers,
  name: string,
  payload: unknown,
): Promise<Envelope<unknown>>;
export async function dispatch(
  handlers: ApiHandlers,
  name: string,
  payload: unknown,
): Promise<Envelope<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_CALL', message: `Unknown call: ${name}`, plaid: null } };
  }
  const spec = calls[name];
  const parsed = spec.req.safeParse(payload ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: describeRequestIssue(parsed.error.issues[0]!),
        plaid: null,
      },
    };
  }
  try {
    const handler = handlers[name] as (req: unknown) => Promise<unknown>;
    const result = await handler(parsed.data);
    const checked = spec.res.safeParse(result);
    if (!checked.success) {
      throw new AppError('INTERNAL', `Response of ${name} broke the contract: ${describeZod(checked.error)}`);
    }
    return { ok: true, result: checked.data };
  } catch (error) {
    const shaped: AppErrorShape = toAppError(error).toShape();
    return { ok: false, error: shaped };
  }
}
