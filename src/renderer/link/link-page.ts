import { LINK_BRIDGE_KEY } from '../../shared/bridge';
import { LinkPageParams, type LinkPageResult } from '../../shared/link';
import { resultEndpoint, scriptUnavailable } from './link-result';
import type { PlaidLinkFactory } from './plaid-link';
import './link.css';

function show(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

function readParams(): LinkPageParams | null {
  const query = new URLSearchParams(location.search);
  const parsed = LinkPageParams.safeParse({
    session: query.get('session'),
    token: query.get('token'),
    script: query.get('script'),
  });
  return parsed.success ? parsed.data : null;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

function plaidFactory(): PlaidLinkFactory | null {
  const plaid: unknown = Reflect.get(window, 'Plaid');
  if (typeof plaid !== 'object' || plaid === null) return null;
  return typeof Reflect.get(plaid, 'create') === 'function' ? (plaid as PlaidLinkFactory) : null;
}

interface LinkBridge {
  report(result: LinkPageResult): unknown;
}

function electronBridge(): LinkBridge | null {
  const bridge: unknown = Reflect.get(window, LINK_BRIDGE_KEY);
  if (typeof bridge !== 'object' || bridge === null) return null;
  return typeof Reflect.get(bridge, 'report') === 'function' ? (bridge as LinkBridge) : null;
}

async function deliver(session: string, result: LinkPageResult): Promise<void> {
  const bridge = electronBridge();
  if (bridge) {
    await bridge.report(result);
    return;
  }
  const response = await fetch(resultEndpoint(session), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(result),
  });
  if (!response.ok) throw new Error(`Coffer answered ${response.status}`);
}

async function main(): Promise<void> {
  const params = readParams();
  if (!params) {
    show('This Link page was opened without a valid session. Start again from Coffer.');
    return;
  }
  let reported = false;
  // Link calls back once, but a public_token must never be reported twice (the exchange is not idempotent).
  const report = (result: LinkPageResult) => {
    if (reported) return;
    reported = true;
    show(result.kind === 'success' ? 'Finishing…' : 'Returning to Coffer…');
    deliver(params.session, result).then(
      () => show('Done. You can return to Coffer.'),
      (error: unknown) =>
        show(`Could not report back to Coffer: ${error instanceof Error ? error.message : error}`),
    );
  };

  show('Opening Plaid Link…');
  try {
    await loadScript(params.script);
  } catch {
    report(scriptUnavailable(params.script));
    return;
  }
  const plaid = plaidFactory();
  if (!plaid) {
    report(scriptUnavailable(params.script));
    return;
  }
  const handler = plaid.create({
    token: params.token,
    onSuccess: (publicToken, metadata) => report({ kind: 'success', publicToken, metadata }),
    onExit: (error, metadata) => report({ kind: 'exit', error, metadata }),
  });
  // Link queues open() until its module has loaded.
  handler.open();
}

void main();
