/**
 * The OAuth bank's own login page, opened by the Link UI in a pop-up (as real OAuth banks are):
 * the user signs in and authorizes, the page tells Link through `window.opener.postMessage` and
 * closes itself. It talks to the simulator directly, not through Link's token.
 */
import { OAUTH_MESSAGE_SOURCE, type LinkErrorObject, type OAuthMessage } from './protocol';
import { el } from './dom';

interface BankInfo {
  institution: { institution_id: string; name: string; primary_color: string };
  client_name: string;
}

type Reply<T> = { ok: true; data: T } | { ok: false; error: LinkErrorObject };

async function call<T>(path: string, body: Record<string, unknown>): Promise<Reply<T>> {
  try {
    const response = await fetch(`/__link/oauth/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const data = (await response.json()) as unknown;
    return response.ok ? { ok: true, data: data as T } : { ok: false, error: data as LinkErrorObject };
  } catch {
    return {
      ok: false,
      error: {
        error_type: 'API_ERROR',
        error_code: 'INTERNAL_SERVER_ERROR',
        error_message: 'network error',
        display_message: 'Could not reach the bank. Please try again.',
      },
    };
  }
}

function show(...content: Node[]): void {
  const root = document.getElementById('root') ?? document.body;
  root.replaceChildren(el('main', { class: 'card', 'aria-label': 'Bank login' }, ...content));
}

export async function startBankPage(): Promise<void> {
  const stateId = new URLSearchParams(window.location.search).get('state') ?? '';
  const info = await call<BankInfo>('institution', { oauth_state_id: stateId });
  if (!info.ok) {
    show(
      el('h1', {}, 'This login has expired'),
      el('p', { role: 'alert' }, info.error.display_message ?? info.error.error_message),
    );
    return;
  }
  const bank = info.data.institution;
  document.title = `${bank.name} — Sign in`;
  const username = el('input', { name: 'username', type: 'text', autocomplete: 'off', id: 'username' });
  const password = el('input', { name: 'password', type: 'password', autocomplete: 'off', id: 'password' });
  const alert = el('p', { role: 'alert', class: 'alert' });
  const authorize = el('button', { type: 'submit', class: 'primary' }, 'Authorize');
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
  cancel.addEventListener('click', () => window.close());
  const form = el(
    'form',
    {},
    el('label', { for: 'username' }, 'Username'),
    username,
    el('label', { for: 'password' }, 'Password'),
    password,
    alert,
    authorize,
    cancel,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    authorize.disabled = true;
    alert.textContent = '';
    void call('authorize', {
      oauth_state_id: stateId,
      username: username.value,
      password: password.value,
    }).then((reply) => {
      if (!reply.ok) {
        alert.textContent = reply.error.display_message ?? reply.error.error_message;
        authorize.disabled = false;
        return;
      }
      const message: OAuthMessage = {
        source: OAUTH_MESSAGE_SOURCE,
        oauth_state_id: stateId,
        status: 'authorized',
      };
      // Only Link's own page (same origin as this one) may hear that the user authorized.
      window.opener?.postMessage(message, window.location.origin);
      window.close();
    });
  });
  show(
    el('span', { class: 'logo', style: `background:${bank.primary_color}` }),
    el('h1', {}, `${bank.name}`),
    el(
      'p',
      {},
      `${info.data.client_name} is asking, through Plaid, to access your accounts. Sign in to authorize it.`,
    ),
    form,
  );
  username.focus();
}
