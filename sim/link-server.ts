/**
 * Server side of the Link stand-in: the /__link/* endpoints its UI calls (never Plaid paths).
 * The link token is the UI's credential, as it is for Plaid's Link.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { newLinkSessionId } from './ids';
import { onLoginRepaired } from './item-events';
import { PlaidApiError } from './errors';
import { ACCOUNT_KEYS, accountIdOf, accountShape, type AccountKey } from './products/account-keys';
import { findInstitution, INSTITUTIONS, unsupportedProducts, type InstitutionProfile } from './institutions';
import { productsFromLink } from './products/consent';
import { parseRequest } from './requests';
import { interpretCredentials, mfaRoundPasses, type MfaPlan } from './sandbox-credentials';
import { customAccountRecords, type CustomAccountRecord } from './custom-household';
import type {
  LinkAccountMetadata,
  LinkSessionRecord,
  LinkTokenRecord,
  PendingItem,
  PreparedItem,
  SimulatorCore,
} from './core';

interface SessionState {
  token: LinkTokenRecord;
  record: LinkSessionRecord;
  institution: InstitutionProfile | null;
  pending: PreparedItem | null;
  updateItemId: string | null;
  authenticated: boolean;
  /** MFA still to pass after the password, and which round the user is on. */
  mfa: { plan: MfaPlan; round: number } | null;
  /** The OAuth pop-up's handle on this session (OAuth institutions only). */
  oauthStateId: string | null;
  /** user_custom's accounts, once that user has logged in. */
  custom: CustomAccountRecord[];
}

const SessionRequest = z.strictObject({ link_token: z.string() });
const CredentialsRequest = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string(),
  institution_id: z.string(),
  username: z.string(),
  password: z.string(),
});
const CompleteRequest = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string(),
  account_ids: z.array(z.string()).min(1),
});
const MfaRequest = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string(),
  answers: z.array(z.string()).min(1).max(9),
});
const OAuthStartRequest = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string(),
  institution_id: z.string(),
});
const OAuthStateRequest = z.strictObject({ oauth_state_id: z.string() });
const OAuthAuthorizeRequest = z.strictObject({
  oauth_state_id: z.string(),
  username: z.string(),
  password: z.string(),
});
const OAuthAccountsRequest = z.strictObject({ link_token: z.string(), link_session_id: z.string() });
const ExitRequest = z.strictObject({
  link_token: z.string(),
  link_session_id: z.string().nullable(),
  status: z.string().nullable(),
});

function institutionChoice(institution: InstitutionProfile) {
  return {
    institution_id: institution.institution_id,
    name: institution.name,
    primary_color: institution.primary_color,
    oauth: institution.oauth,
  };
}

/** An MFA round as Link shows it: never the answers. */
function mfaView(plan: MfaPlan, round: number) {
  return { type: plan.type, round, rounds: plan.rounds.length, prompt: plan.rounds[round] };
}

function accountMetadata(
  itemId: string,
  key: AccountKey,
  item?: Pick<PendingItem, 'custom_accounts'>,
): LinkAccountMetadata {
  const custom = item?.custom_accounts?.find((a) => a.template === key);
  const t = custom ? { ...accountShape(key), ...custom } : accountShape(key);
  return {
    id: accountIdOf(itemId, key),
    name: t.name,
    mask: t.mask,
    type: t.type,
    subtype: t.subtype,
    verification_status: null,
    class_type: null,
  };
}

export class LinkStandIn {
  private readonly sessions = new Map<string, SessionState>();
  /** OAuth pop-up state ids → Link session ids. */
  private readonly oauthStates = new Map<string, string>();

  constructor(private readonly core: SimulatorCore) {}

  handle(path: string, body: unknown): Record<string, unknown> {
    switch (path) {
      case '/__link/session':
        return this.startSession(parseRequest(SessionRequest, body));
      case '/__link/credentials':
        return this.submitCredentials(parseRequest(CredentialsRequest, body));
      case '/__link/mfa':
        return this.submitMfa(parseRequest(MfaRequest, body));
      case '/__link/oauth/start':
        return this.startOAuth(parseRequest(OAuthStartRequest, body));
      case '/__link/oauth/institution':
        return this.oauthInstitution(parseRequest(OAuthStateRequest, body));
      case '/__link/oauth/authorize':
        return this.authorizeOAuth(parseRequest(OAuthAuthorizeRequest, body));
      case '/__link/oauth/accounts':
        return this.oauthAccounts(parseRequest(OAuthAccountsRequest, body));
      case '/__link/complete':
        return this.complete(parseRequest(CompleteRequest, body));
      case '/__link/exit':
        return this.exit(parseRequest(ExitRequest, body));
      default:
        throw new PlaidApiError('NOT_FOUND');
    }
  }

  private startSession(req: z.infer<typeof SessionRequest>): Record<string, unknown> {
    const token = this.core.linkToken(req.link_token);
    for (const [id, s] of this.sessions) if (s.token.expiresAt <= Date.now()) this.sessions.delete(id);
    const updateItem = token.config.updateItemId ? this.core.itemById(token.config.updateItemId) : null;
    if (token.config.updateItemId && !updateItem) throw new PlaidApiError('ITEM_NOT_FOUND');
    const record: LinkSessionRecord = {
      link_session_id: newLinkSessionId(),
      started_at: new Date().toISOString(),
      finished_at: null,
      result: null,
      exit: null,
    };
    token.sessions.push(record);
    const updateInstitution = updateItem ? (findInstitution(updateItem.institution_id) ?? null) : null;
    this.sessions.set(record.link_session_id, {
      token,
      record,
      institution: updateInstitution,
      pending: null,
      updateItemId: updateItem?.item_id ?? null,
      authenticated: false,
      mfa: null,
      oauthStateId: null,
      custom: [],
    });
    const required = token.config.products.required;
    return {
      link_session_id: record.link_session_id,
      client_name: token.config.clientName,
      institutions: INSTITUTIONS.filter((i) => unsupportedProducts(i, required).length === 0).map(
        institutionChoice,
      ),
      update_institution: updateInstitution ? institutionChoice(updateInstitution) : null,
    };
  }

  private session(linkToken: string, sessionId: string | null): SessionState {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session || session.token.token !== linkToken) throw new PlaidApiError('INVALID_LINK_TOKEN');
    this.core.linkToken(linkToken); // still valid?
    return session;
  }

  /** The institution a session may log in to (the Item's own in update mode). */
  private institutionFor(session: SessionState, institutionId: string): InstitutionProfile {
    const institution = findInstitution(institutionId);
    const allowed = session.updateItemId
      ? session.institution?.institution_id === institutionId
      : institution && unsupportedProducts(institution, session.token.config.products.required).length === 0;
    if (!institution || !allowed) throw new PlaidApiError('INVALID_INSTITUTION');
    return institution;
  }

  private submitCredentials(req: z.infer<typeof CredentialsRequest>): Record<string, unknown> {
    const session = this.session(req.link_token, req.link_session_id);
    const institution = this.institutionFor(session, req.institution_id);
    if (institution.oauth)
      throw new PlaidApiError('INVALID_INSTITUTION', `${institution.name} logs in on its own site (OAuth)`);
    const plan = interpretCredentials(req.username, req.password);
    session.institution = institution;
    session.custom = customAccountRecords(plan.custom?.override_accounts ?? []);
    if (plan.mfa) {
      session.mfa = { plan: plan.mfa, round: 0 };
      return { mfa: mfaView(plan.mfa, 0) };
    }
    return this.loggedIn(session, institution);
  }

  /** One MFA round; a wrong answer is INVALID_MFA and the same round may be tried again. */
  private submitMfa(req: z.infer<typeof MfaRequest>): Record<string, unknown> {
    const session = this.session(req.link_token, req.link_session_id);
    const mfa = session.mfa;
    if (!mfa || !session.institution)
      throw new PlaidApiError('INVALID_LINK_TOKEN', 'the Link session is not waiting for MFA');
    if (!mfaRoundPasses(mfa.plan, mfa.round, req.answers)) throw new PlaidApiError('INVALID_MFA');
    mfa.round++;
    if (mfa.round < mfa.plan.rounds.length) return { mfa: mfaView(mfa.plan, mfa.round) };
    session.mfa = null;
    return this.loggedIn(session, session.institution);
  }

  /** The accounts the user may share once the bank has let them in. */
  private loggedIn(
    session: SessionState,
    institution: InstitutionProfile,
  ): { accounts: LinkAccountMetadata[] } {
    session.authenticated = true;
    if (session.updateItemId) {
      const item = this.core.itemById(session.updateItemId);
      if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
      return { accounts: item.account_templates.map((t) => accountMetadata(item.item_id, t, item)) };
    }
    const config = session.token.config;
    session.pending = this.core.prepareItem({
      institution,
      webhook: config.webhook,
      daysRequested: config.daysRequested,
      templates: institution.accounts,
      custom: session.custom,
    });
    const pending = session.pending;
    return { accounts: pending.account_templates.map((t) => accountMetadata(pending.item_id, t, pending)) };
  }

  /** Link is about to open the bank's own login page in a pop-up. */
  private startOAuth(req: z.infer<typeof OAuthStartRequest>): Record<string, unknown> {
    const session = this.session(req.link_token, req.link_session_id);
    const institution = this.institutionFor(session, req.institution_id);
    if (!institution.oauth)
      throw new PlaidApiError('INVALID_INSTITUTION', `${institution.name} is not an OAuth bank`);
    if (session.oauthStateId) this.oauthStates.delete(session.oauthStateId);
    const stateId = randomUUID();
    session.institution = institution;
    session.authenticated = false;
    session.oauthStateId = stateId;
    this.oauthStates.set(stateId, session.record.link_session_id);
    return { oauth_state_id: stateId };
  }

  private oauthSession(stateId: string): SessionState {
    const sessionId = this.oauthStates.get(stateId);
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session?.institution || session.oauthStateId !== stateId)
      throw new PlaidApiError('INVALID_LINK_TOKEN', 'this OAuth login is no longer pending');
    this.core.linkToken(session.token.token);
    return session;
  }

  /** What the bank's page shows about itself. */
  private oauthInstitution(req: z.infer<typeof OAuthStateRequest>): Record<string, unknown> {
    const session = this.oauthSession(req.oauth_state_id);
    return {
      institution: institutionChoice(session.institution!),
      client_name: session.token.config.clientName,
    };
  }

  /** The user signed in at the bank and granted access (MFA happens at the bank, not in Link). */
  private authorizeOAuth(req: z.infer<typeof OAuthAuthorizeRequest>): Record<string, unknown> {
    const session = this.oauthSession(req.oauth_state_id);
    interpretCredentials(req.username, req.password);
    this.loggedIn(session, session.institution!);
    this.oauthStates.delete(req.oauth_state_id);
    session.oauthStateId = null;
    return {};
  }

  /** Back in Link after the pop-up: the accounts, or INSUFFICIENT_CREDENTIALS if it was abandoned. */
  private oauthAccounts(req: z.infer<typeof OAuthAccountsRequest>): Record<string, unknown> {
    const session = this.session(req.link_token, req.link_session_id);
    if (!session.authenticated || !session.institution?.oauth)
      throw new PlaidApiError('INSUFFICIENT_CREDENTIALS');
    if (session.updateItemId) {
      const item = this.core.itemById(session.updateItemId);
      if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
      return { accounts: item.account_templates.map((t) => accountMetadata(item.item_id, t, item)) };
    }
    const pending = session.pending!;
    return { accounts: pending.account_templates.map((t) => accountMetadata(pending.item_id, t, pending)) };
  }

  private complete(req: z.infer<typeof CompleteRequest>): Record<string, unknown> {
    const session = this.session(req.link_token, req.link_session_id);
    if (!session.authenticated || !session.institution)
      throw new PlaidApiError('INVALID_LINK_TOKEN', 'the Link session has not logged in');
    const institution = {
      name: session.institution.name,
      institution_id: session.institution.institution_id,
    };
    let publicToken: string;
    let accounts: LinkAccountMetadata[];
    if (session.updateItemId) {
      const before = this.core.itemById(session.updateItemId);
      if (!before) throw new PlaidApiError('ITEM_NOT_FOUND');
      const granted = productsFromLink(
        session.institution,
        before.account_templates,
        session.token.config.products,
        before,
      );
      onLoginRepaired(this.core, session.updateItemId);
      const item = this.core.updateItem(before.item_id, (i) => Object.assign(i, granted));
      this.attachUser(session.token.config.userToken, item, req.link_session_id);
      accounts = item.account_templates.map((t) => accountMetadata(item.item_id, t, item));
      publicToken = this.core.issuePublicToken({ kind: 'update', itemId: item.item_id });
    } else {
      const pending = session.pending;
      if (!pending) throw new PlaidApiError('INVALID_LINK_TOKEN', 'the Link session has not logged in');
      const templates = ACCOUNT_KEYS.filter(
        (t) =>
          pending.account_templates.includes(t) && req.account_ids.includes(accountIdOf(pending.item_id, t)),
      );
      if (templates.length !== new Set(req.account_ids).size) throw new PlaidApiError('INVALID_ACCOUNT_ID');
      const item: PendingItem = {
        ...pending,
        account_templates: templates,
        ...productsFromLink(session.institution, templates, session.token.config.products),
      };
      accounts = templates.map((t) => accountMetadata(item.item_id, t, item));
      publicToken = this.core.issuePublicToken({ kind: 'new', item });
      this.attachUser(session.token.config.userToken, item, req.link_session_id);
    }
    session.record.finished_at = new Date().toISOString();
    session.record.result = { public_token: publicToken, accounts, institution };
    this.sessions.delete(req.link_session_id);
    return {
      public_token: publicToken,
      metadata: { institution, accounts, link_session_id: req.link_session_id, transfer_status: null },
    };
  }

  /** Bank income: a Link session with a user_token joins its Item to that user, new Item or update mode. */
  private attachUser(
    userToken: string | null | undefined,
    item: { item_id: string; institution_id: string },
    linkSessionId: string,
  ): void {
    const user = userToken ? this.core.products.users.byUserToken(userToken) : undefined;
    if (!user) return;
    this.core.products.users.attachItem(user, {
      itemId: item.item_id,
      institutionId: item.institution_id,
      linkSessionId,
    });
  }

  private exit(req: z.infer<typeof ExitRequest>): Record<string, unknown> {
    const session = req.link_session_id ? this.sessions.get(req.link_session_id) : undefined;
    if (session && session.token.token === req.link_token) {
      session.record.finished_at = new Date().toISOString();
      session.record.exit = {
        status: req.status,
        institution: session.institution
          ? { name: session.institution.name, institution_id: session.institution.institution_id }
          : null,
      };
      this.sessions.delete(session.record.link_session_id);
    }
    return {};
  }
}
