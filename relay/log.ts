/**
 * The relay's log: one JSON object per line on stderr (journald or the container runtime keeps
 * it). Callers pass only routing facts: never a body, a JWT, a device secret, an Authorization
 * header or Plaid keys. Device ids are shortened: they are in URLs Plaid holds, not secrets, but
 * a log needs no more than a prefix.
 */
export type RelayLogFields = Record<string, string | number | boolean | null | undefined>;

export interface RelayLog {
  info(msg: string, fields?: RelayLogFields): void;
  warn(msg: string, fields?: RelayLogFields): void;
  error(msg: string, fields?: RelayLogFields): void;
}

export function streamLog(
  write: (line: string) => void = (line) => void process.stderr.write(line),
): RelayLog {
  const emit = (level: string, msg: string, fields?: RelayLogFields) => {
    write(`${JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields })}\n`);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

export const silentLog: RelayLog = { info: () => {}, warn: () => {}, error: () => {} };

export const shortId = (deviceId: string) => `${deviceId.slice(0, 6)}…`;
