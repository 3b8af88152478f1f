/**
 * Server side of the Link stand-in: the /__link/* endpoints its UI calls (never Plaid paths).
 * The link token is the UI's credential, as it is for Plaid's Link.
 */
import { z } from 'zod';
import { newLinkSessionId } from './ids';
import { PlaidApiError } from './errors';
import { ACCOUNT_TEMPLATES, ACCOUNT_TEMPLATE_KEYS, type AccountTemplateKey } from './generator';
import { findInstitution, INSTITUTIONS, type InstitutionProfile } from './institutions';
import { parseRequest } from './requests';
import { accountIdFor } from './view';
import type {
  LinkAccountMetadata,
  LinkSessionRecord,
  LinkTokenRecord,
  PendingItem,
  SimulatorCore,
} from './core';

interface SessionState {
  token: LinkTokenRecord;
  record: LinkSessionRecord;
  institution: InstitutionProfile | null;
  pending: PendingItem | null;
  updateItemId: string | null;
  authenticated: boolean;
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
  };
}

function accountMetadata(itemId: string, template: AccountTemplateKey): LinkAccountMetadata {
  const t = ACCOUNT_TEMPLATES[template];
  return {
    id: accountIdFor(itemId, template),
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

  constructor(private readonly core: SimulatorCore) {}

  handle(path: string, body: unknown): Record<string, unknown> {
    switch (path) {
      case '/__link/session':
        return this.startSession(parseRequest(SessionRequest, body));
      case '/__link/credentials':
        return this.submitCredentials(parseRequest(CredentialsRequest, body));
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
    });
    const required = token.config.products;
    return {
      link_session_id: record.link_session_id,
      client_name: token.config.clientName,
      institutions: INSTITUTIONS.filter((i) =>
        required.every((p) => (i.products as readonly string[]).includes(p)),
      ).map(institutionChoice),
      update_institution: updateInstitution ? institutionChoice(updateInstitution) : null,
    };
  }

  private session(linkToken: string, sessionId: string | null): SessionState {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session || session.token.token !== linkToken) throw new PlaidApiError('INVALID_LINK_TOKEN');
    this.core.linkToken(linkToken); // still valid?
    return session;
  }

  private submitCredentials(req: z.infer<typeof CredentialsRequest>): Record<string, unknown> {
    const session = this.session(req.link_token, req.link_session_id);
    const institution = findInstitution(req.institution_id);
    const allowed = session.updateItemId
      ? session.institution?.institution_id === req.institution_id
      : institution &&
        session.token.config.products.every((p) => (institution.products as readonly string[]).includes(p));
    if (!institution || !allowed) throw new PlaidApiError('INVALID_INSTITUTION');
    this.core.checkCredentials(req.username, req.password);
    session.institution = institution;
    session.authenticated = true;
    if (session.updateItemId) {
      const item = this.core.itemById(session.updateItemId);
      if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
      return { accounts: item.account_templates.map((t) => accountMetadata(item.item_id, t)) };
    }
    const config = session.token.config;
    const supported = (p: string) => (institution.products as readonly string[]).includes(p);
    session.pending = this.core.prepareItem({
      institution,
      products: [
        ...config.products,
        ...config.requiredIfSupported.filter(supported),
        ...config.optionalProducts.filter(supported),
      ],
      webhook: config.webhook,
      daysRequested: config.daysRequested,
      templates: ACCOUNT_TEMPLATE_KEYS,
    });
    const itemId = session.pending.item_id;
    return { accounts: ACCOUNT_TEMPLATE_KEYS.map((t) => accountMetadata(itemId, t)) };
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
      const item = this.core.updateItem(session.updateItemId, (i) => {
        i.error_code = null;
      });
      accounts = item.account_templates.map((t) => accountMetadata(item.item_id, t));
      publicToken = this.core.issuePublicToken({ kind: 'update', itemId: item.item_id });
    } else {
      const pending = session.pending;
      if (!pending) throw new PlaidApiError('INVALID_LINK_TOKEN', 'the Link session has not logged in');
      const templates = ACCOUNT_TEMPLATE_KEYS.filter((t) =>
        req.account_ids.includes(accountIdFor(pending.item_id, t)),
      );
      if (templates.length !== new Set(req.account_ids).size) throw new PlaidApiError('INVALID_ACCOUNT_ID');
      const item = { ...pending, account_templates: templates };
      accounts = templates.map((t) => accountMetadata(item.item_id, t));
      publicToken = this.core.issuePublicToken({ kind: 'new', item });
    }
    session.record.finished_at = new Date().toISOString();
    session.record.result = { public_token: publicToken, accounts, institution };
    this.sessions.delete(req.link_session_id);
    return {
      public_token: publicToken,
      metadata: { institution, accounts, link_session_id: req.link_session_id, transfer_status: null },
    };
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
