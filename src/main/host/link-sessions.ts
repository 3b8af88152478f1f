/**
 * Plaid Link in the browser host: the core asks for Link to be shown; the host tells its tabs
 * (`link.present`), the tab overlays the Link page, and the Link page posts its result back to
 * `/link/<sessionId>/result`. The session id is random and single use, so it is the only
 * credential that post needs.
 */
import type { LinkPresenter, LinkSession } from '../services/core-types';
import type { LinkPageResult } from '../../shared/link';

const LINK_TIMEOUT_MS = 30 * 60_000;

interface Pending {
  session: LinkSession;
  url: string;
  settle: (result: LinkPageResult) => void;
}

export interface LinkSessionsEvents {
  present(sessionId: string, url: string): void;
  closed(sessionId: string): void;
}

export function linkPageUrl(session: LinkSession): string {
  const query = new URLSearchParams({
    session: session.sessionId,
    token: session.linkToken,
    script: session.scriptUrl,
  });
  return `/link/index.html?${query.toString()}`;
}

function exitResult(status: string): LinkPageResult {
  return { kind: 'exit', error: null, metadata: { status } };
}

export class LinkSessions {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly events: LinkSessionsEvents,
    private readonly timeoutMs = LINK_TIMEOUT_MS,
  ) {}

  readonly presenter: LinkPresenter = (session, signal) =>
    new Promise<LinkPageResult>((resolve) => {
      const url = linkPageUrl(session);
      const finish = (result: LinkPageResult) => {
        if (!this.pending.delete(session.sessionId)) return;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.events.closed(session.sessionId);
        resolve(result);
      };
      const onAbort = () => finish(exitResult('aborted'));
      const timer = setTimeout(() => finish(exitResult('timeout')), this.timeoutMs);
      timer.unref();
      this.pending.set(session.sessionId, { session, url, settle: finish });
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.events.present(session.sessionId, url);
    });

  /** Sessions a newly connected tab must still show. */
  open(): Array<{ sessionId: string; url: string }> {
    return [...this.pending.values()].map((p) => ({ sessionId: p.session.sessionId, url: p.url }));
  }

  get(sessionId: string): LinkSession | null {
    return this.pending.get(sessionId)?.session ?? null;
  }

  /** False when the session is unknown or already finished: a result is accepted once. */
  report(sessionId: string, result: LinkPageResult): boolean {
    const pending = this.pending.get(sessionId);
    if (!pending) return false;
    pending.settle(result);
    return true;
  }

  /** Ends every waiting Link as an exit, e.g. when the host shuts down. */
  cancelAll(): void {
    for (const pending of [...this.pending.values()]) pending.settle(exitResult('host closed'));
  }
}
