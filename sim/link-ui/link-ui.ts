/**
 * The simulator's Link UI, shown in the iframe that link-initialize.js opens: choose an
 * institution, log in (wrong passwords show Plaid's message and may be retried), choose accounts.
 * Plain DOM; talks to the simulator's /__link/* endpoints and reports to the host page by
 * postMessage.
 */
import { startBankPage } from './oauth-page';
import {
  MESSAGE_SOURCE,
  OAUTH_MESSAGE_SOURCE,
  type LinkErrorObject,
  type LinkMessage,
  type LinkMetadata,
} from './protocol';
import { el } from './dom';

interface InstitutionChoice {
  institution_id: string;
  name: string;
  primary_color: string;
  oauth: boolean;
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

interface MfaPromptDevice {
  type: 'device';
}
interface MfaPromptQuestions {
  type: 'questions';
  questions: string[];
}
interface MfaPromptSelections {
  type: 'selections';
  questions: { question: string; answers: string[] }[];
}
type MfaPrompt = MfaPromptDevice | MfaPromptQuestions | MfaPromptSelections;

interface MfaView {
  type: 'device' | 'questions' | 'selections';
  round: number;
  rounds: number;
  prompt: MfaPrompt;
}

type LoginReply = { accounts: AccountChoice[] } | { mfa: MfaView };

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
/** Plaid's exit status for the MFA step the user is on. */
let mfaExitStatus = 'requires_code';

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
    case 'MFA':
      return mfaExitStatus;
    case 'OAUTH':
      return 'requires_oauth';
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
      logIn(false);
    });
    list.append(el('li', {}, button));
  }
  render(
    'Select your bank',
    el('p', {}, `${session.client_name} uses Plaid to connect your accounts.`),
    list,
  );
}

/** OAuth banks log in on their own page in a pop-up; the others inside Link. */
function logIn(updateMode: boolean): void {
  if (institution?.oauth) showOAuth(updateMode);
  else showCredentials(updateMode);
}

function afterLogin(reply: LoginReply, updateMode: boolean): void {
  lastError = null;
  if ('mfa' in reply) showMfa(reply.mfa, updateMode);
  else if (updateMode) void complete(reply.accounts.map((a) => a.id));
  else showAccounts(reply.accounts);
}

function reportError(error: LinkErrorObject, alert: HTMLElement): void {
  lastError = errorObject(error);
  emit('ERROR', {
    error_type: error.error_type,
    error_code: error.error_code,
    error_message: error.error_message,
  });
  alert.textContent = error.display_message ?? error.error_message;
}

function mfaInputs(prompt: MfaPrompt): { fields: Node[]; answers: () => string[] } {
  if (prompt.type === 'device') {
    const code = el('input', {
      name: 'code',
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      id: 'mfa-code',
    });
    return {
      fields: [
        el('p', {}, 'Enter the code we sent to your device.'),
        el('label', { for: 'mfa-code' }, 'Code'),
        code,
      ],
      answers: () => [code.value],
    };
  }
  if (prompt.type === 'questions') {
    const inputs = prompt.questions.map((_, j) =>
      el('input', { name: `answer-${j}`, type: 'text', autocomplete: 'off', id: `mfa-answer-${j}` }),
    );
    return {
      fields: prompt.questions.flatMap((q, j) => [el('label', { for: `mfa-answer-${j}` }, q), inputs[j]!]),
      answers: () => inputs.map((i) => i.value),
    };
  }
  const groups = prompt.questions.map((q, j) => {
    const radios = q.answers.map((answer, k) => {
      const radio = el('input', {
        type: 'radio',
        name: `selection-${j}`,
        value: answer,
        id: `mfa-selection-${j}-${k}`,
      });
      return { radio, label: el('label', { for: radio.id }, radio, ` ${answer}`) };
    });
    return { q, radios };
  });
  return {
    fields: groups.map(({ q, radios }) =>
      el('fieldset', {}, el('legend', {}, q.question), ...radios.map((r) => r.label)),
    ),
    answers: () => groups.map(({ radios }) => radios.find((r) => r.radio.checked)?.radio.value ?? ''),
  };
}

function showMfa(mfa: MfaView, updateMode: boolean): void {
  mfaExitStatus = mfa.type === 'device' ? 'requires_code' : `requires_${mfa.type}`;
  transition('MFA');
  const chosen = institution;
  if (!chosen) return;
  const { fields, answers } = mfaInputs(mfa.prompt);
  const alert = el('p', { role: 'alert', class: 'alert' });
  const submit = el('button', { type: 'submit', class: 'primary' }, 'Submit');
  const form = el('form', {}, ...fields, alert, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    alert.textContent = '';
    emit('SUBMIT_MFA', { mfa_type: mfa.type === 'device' ? 'code' : mfa.type });
    void api<LoginReply>('mfa', { link_session_id: linkSessionId, answers: answers() }).then((result) => {
      if (result.ok) {
        afterLogin(result.data, updateMode);
        return;
      }
      reportError(result.error, alert);
      submit.disabled = false;
    });
  });
  const step = mfa.rounds > 1 ? ` (${mfa.round + 1} of ${mfa.rounds})` : '';
  render(`Verify your identity${step}`, form);
  form.querySelector('input')?.focus();
}

/** The bank's page opens in a pop-up and reports back by postMessage; Link waits for it. */
function showOAuth(updateMode: boolean): void {
  transition('OAUTH');
  const chosen = institution;
  if (!chosen) return;
  const alert = el('p', { role: 'alert', class: 'alert' });
  const proceed = el('button', { type: 'button', class: 'primary' }, 'Continue');
  proceed.addEventListener('click', () => {
    proceed.disabled = true;
    alert.textContent = '';
    // Opened now, inside the click, so no pop-up blocker stops it; its address follows.
    const popup = window.open('', 'plaid-oauth', 'popup,width=480,height=680');
    void api<{ oauth_state_id: string }>('oauth/start', {
      link_session_id: linkSessionId,
      institution_id: chosen.institution_id,
    }).then((started) => {
      if (!started.ok || !popup) {
        popup?.close();
        if (!started.ok) reportError(started.error, alert);
        else alert.textContent = 'Allow pop-ups to log in to your bank.';
        proceed.disabled = false;
        return;
      }
      const stateId = started.data.oauth_state_id;
      popup.location.href = `/__link/oauth?state=${encodeURIComponent(stateId)}`;
      emit('OPEN_OAUTH');
      let settled = false;
      const finish = () => {
        settled = true;
        window.removeEventListener('message', onMessage);
        clearInterval(watch);
        emit('CLOSE_OAUTH');
        void api<{ accounts: AccountChoice[] }>('oauth/accounts', { link_session_id: linkSessionId }).then(
          (result) => {
            if (result.ok) afterLogin(result.data, updateMode);
            else {
              reportError(result.error, alert);
              proceed.disabled = false;
            }
          },
        );
      };
      const onMessage = (event: MessageEvent) => {
        const data = event.data as { source?: unknown; oauth_state_id?: unknown } | null;
        if (event.origin !== window.location.origin || event.source !== popup) return;
        if (data?.source === OAUTH_MESSAGE_SOURCE && data.oauth_state_id === stateId && !settled) finish();
      };
      window.addEventListener('message', onMessage);
      // A pop-up closed without signing in leaves the user in Link with a way to retry.
      const watch = setInterval(() => {
        if (popup.closed && !settled) finish();
      }, 300);
    });
  });
  render(
    `Log in at ${chosen.name}`,
    el('p', {}, `You will be sent to ${chosen.name} to log in and choose what to share.`),
    alert,
    proceed,
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
  // Plaid's Sandbox Link says which test login works; the demo bank is the simulator's sandbox.
  const hint = el(
    'p',
    { class: 'hint', 'data-testid': 'sandbox-credentials' },
    'Sandbox: log in with username user_good and password pass_good.',
  );
  const form = el(
    'form',
    {},
    hint,
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
    void api<LoginReply>('credentials', {
      link_session_id: linkSessionId,
      institution_id: chosen.institution_id,
      username: username.value,
      password: password.value,
    }).then((result) => {
      if (result.ok) {
        afterLogin(result.data, updateMode);
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
    logIn(true);
  } else {
    showInstitutions(result.data);
  }
}

// The same bundle serves the OAuth bank's pop-up page.
if (window.location.pathname === '/__link/oauth') void startBankPage();
else void start();
