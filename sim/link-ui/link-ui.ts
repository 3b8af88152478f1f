/**
 * The simulator's Link UI, shown in the iframe that link-initialize.js opens: choose an
 * institution, log in (wrong passwords show Plaid's message and may be retried), choose accounts.
 * Plain DOM; talks to the simulator's /__link/* endpoints and reports to the host page by
 * postMessage.
 */
import { MESSAGE_SOURCE, type LinkErrorObject, type LinkMessage, type LinkMetadata } from './protocol';

interface InstitutionChoice {
  institution_id: string;
  name: string;
  primary_color: string;
}

interface AccountChoice {
  id: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
}

interface SessionReply {
  link_session_id: string;
  client_name: string;
  institutions: InstitutionChoice[];
  update_institution: InstitutionChoice | null;
}

type ApiResult<T> = { ok: true; data: T } | { ok: false; error: LinkErrorObject & { request_id?: string } };

const params = new URLSearchParams(window.location.search);
const linkToken = params.get('token') ?? '';
const parentOrigin = params.get('origin');
const targetOrigin = parentOrigin && /^https?:\/\/[^/]+$/.test(parentOrigin) ? parentOrigin : '*';
const root = document.getElementById('root') ?? document.body;

let linkSessionId: string | null = null;
let institution: InstitutionChoice | null = null;
let lastError: LinkErrorObject | null = null;
let lastRequestId: string | null = null;
let view = 'LOADING';

type WithoutSource<M> = M extends unknown ? Omit<M, 'source'> : never;
type MessageBody = WithoutSource<LinkMessage>;

function post(message: MessageBody): void {
  window.parent.postMessage({ source: MESSAGE_SOURCE, ...message }, targetOrigin);
}

function emit(eventName: string, extra: LinkMetadata = {}): void {
  post({
    kind: 'event',
    eventName,
    metadata: {
      error_type: null,
      error_code: null,
      error_message: null,
      exit_status: null,
      institution_id: institution?.institution_id ?? null,
      institution_name: institution?.name ?? null,
      institution_search_query: null,
      link_session_id: linkSessionId,
      mfa_type: null,
      request_id: lastRequestId,
      timestamp: new Date().toISOString(),
      view_name: view,
      selection: null,
      ...extra,
    },
  });
}

function transition(viewName: string): void {
  view = viewName;
  emit('TRANSITION_VIEW');
}

async function api<T>(path: string, body: Record<string, unknown>): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/__link/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link_token: linkToken, ...body }),
    });
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
  const data = (await response.json()) as Record<string, unknown>;
  if (typeof data.request_id === 'string') lastRequestId = data.request_id;
  if (response.ok) return { ok: true, data: data as T };
  return { ok: false, error: data as unknown as LinkErrorObject };
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function errorObject(error: LinkErrorObject): LinkErrorObject {
  return {
    error_type: error.error_type,
    error_code: error.error_code,
    error_message: error.error_message,
    display_message: error.display_message,
  };
}

function exitStatus(): string | null {
  switch (view) {
    case 'SELECT_INSTITUTION':
      return 'institution_not_found';
    case 'CREDENTIAL':
      return 'requires_credentials';
    case 'SELECT_ACCOUNT':
      return 'requires_account_selection';
    default:
      return null;
  }
}

function exitLink(): void {
  const status = exitStatus();
  void api('exit', { link_session_id: linkSessionId, status });
  post({
    kind: 'exit',
    error: lastError,
    metadata: {
      institution: institution
        ? { name: institution.name, institution_id: institution.institution_id }
        : null,
      status,
      link_session_id: linkSessionId,
      request_id: lastRequestId,
    },
  });
}

function render(title: string, ...content: Node[]): void {
  const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
  close.addEventListener('click', exitLink);
  const card = el(
    'main',
    { class: 'card', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Plaid Link' },
    close,
    el('h1', {}, title),
    ...content,
  );
  root.replaceChildren(card);
}

function showFatal(error: LinkErrorObject): void {
  lastError = errorObject(error);
  view = 'ERROR';
  emit('ERROR', {
    error_type: error.error_type,
    error_code: error.error_code,
    error_message: error.error_message,
  });
  const done = el('button', { type: 'button', class: 'primary' }, 'Exit');
  done.addEventListener('click', exitLink);
  render(
    'Something went wrong',
    el('p', { role: 'alert' }, error.display_message ?? error.error_message),
    done,
  );
}

function showInstitutions(session: SessionReply): void {
  transition('SELECT_INSTITUTION');
  const list = el('ul', { class: 'institutions' });
  for (const choice of session.institutions) {
    const button = el(
      'button',
      { type: 'button', 'data-institution-id': choice.institution_id },
      el('span', { class: 'logo', style: `background:${choice.primary_color}` }),
      choice.name,
    );
    button.addEventListener('click', () => {
      institution = choice;
      emit('SELECT_INSTITUTION');
      showCredentials(false);
    });
    list.append(el('li', {}, button));
  }
  render(
    'Select your bank',
    el('p', {}, `${session.client_name} uses Plaid to connect your accounts.`),
    list,
  );
}

function showCredentials(updateMode: boolean): void {
  transition('CREDENTIAL');
  const chosen = institution;
  if (!chosen) return;
  const username = el('input', {
    name: 'username',
    type: 'text',
    autocomplete: 'off',
    required: '',
    id: 'username',
  });
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'off',
    required: '',
    id: 'password',
  });
  const alert = el('p', { role: 'alert', class: 'alert' });
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Submit');
  const form = el(
    'form',
    {},
    el('label', { for: 'username' }, 'Username'),
    username,
    el('label', { for: 'password' }, 'Password'),
    password,
    alert,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    alert.textContent = '';
    emit('SUBMIT_CREDENTIALS');
    void api<{ accounts: AccountChoice[] }>('credentials', {
      link_session_id: linkSessionId,
      institution_id: chosen.institution_id,
      username: username.value,
      password: password.value,
    }).then((result) => {
      if (result.ok) {
        lastError = null;
        if (updateMode) void complete(result.data.accounts.map((a) => a.id));
        else showAccounts(result.data.accounts);
        return;
      }
      lastError = errorObject(result.error);
      emit('ERROR', {
        error_type: result.error.error_type,
        error_code: result.error.error_code,
        error_message: result.error.error_message,
      });
      alert.textContent = result.error.display_message ?? result.error.error_message;
      password.value = '';
      submit.disabled = false;
      password.focus();
    });
  });
  render(`Log in to ${chosen.name}`, form);
  username.focus();
}

function showAccounts(accounts: AccountChoice[]): void {
  transition('SELECT_ACCOUNT');
  const boxes: HTMLInputElement[] = [];
  const list = el('ul', { class: 'accounts' });
  const proceed = el('button', { type: 'button', class: 'primary' }, 'Continue');
  for (const account of accounts) {
    const box = el('input', { type: 'checkbox', value: account.id, id: `account-${account.id}` });
    box.checked = true;
    box.addEventListener('change', () => {
      proceed.disabled = !boxes.some((b) => b.checked);
    });
    boxes.push(box);
    const label = el(
      'label',
      { for: box.id },
      `${account.name} •••• ${account.mask ?? ''}`,
      el('small', {}, account.subtype ?? account.type),
    );
    list.append(el('li', {}, box, label));
  }
  proceed.addEventListener('click', () => {
    proceed.disabled = true;
    void complete(boxes.filter((b) => b.checked).map((b) => b.value));
  });
  render('Select accounts', el('p', {}, 'Choose the accounts to share.'), list, proceed);
}

async function complete(accountIds: string[]): Promise<void> {
  const result = await api<{ public_token: string; metadata: LinkMetadata }>('complete', {
    link_session_id: linkSessionId,
    account_ids: accountIds,
  });
  if (!result.ok) {
    showFatal(result.error);
    return;
  }
  view = 'CONNECTED';
  post({ kind: 'success', publicToken: result.data.public_token, metadata: result.data.metadata });
}

async function start(): Promise<void> {
  render('Connecting…', el('p', {}, 'Loading'));
  const result = await api<SessionReply>('session', {});
  if (!result.ok) {
    showFatal(result.error);
    return;
  }
  linkSessionId = result.data.link_session_id;
  emit('OPEN');
  if (result.data.update_institution) {
    institution = result.data.update_institution;
    showCredentials(true);
  } else {
    showInstitutions(result.data);
  }
}

void start();
