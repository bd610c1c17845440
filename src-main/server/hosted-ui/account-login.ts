/**
 * What the account pages (sign-up, confirm, forgot password, reset) share: the hosted login a
 * page belongs to (the Session its link or form carries, or, for a link straight to /signup or
 * /forgotPassword, a new login from the authorize parameters), the pool and client it is for,
 * and the call the self-service flows run with: the browser's, this login as their parent.
 *
 * The hosted UI is the app client itself: for a client with a secret it signs its own calls'
 * SecretHash with it, as an app's back end would.
 */
import type { Request } from 'express';
import { findAppClient, type AppClient } from '../../cognito/app-clients.js';
import { confirmationDestination } from '../../cognito/confirmation.js';
import { codeDelivery, type CodeDelivery } from '../../cognito/code-delivery.js';
import { secretHash } from '../../cognito/secret-hash.js';
import { pageCustomizationFor } from '../../cognito/managed-login-style.js';
import { resolveUser } from '../../cognito/usernames.js';
import type { FlowCall } from '../../flows/call.js';
import type { HostedLoginStep } from '../../flows/hosted-login/hosted-login.js';
import type { UserCall } from '../../flows/self-service.js';
import type { Services } from '../../services.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { checkAuthorize, ErrorPage } from './authorize-request.js';
import { linkQuery } from './login-step.js';
import { loginPage, type PageContext } from './pages.js';

export const SESSION_EXPIRED = 'Your session has expired. Please go back to the app and sign in again.';

export interface PageLogin {
  step: HostedLoginStep;
  pool: UserPool;
  client: AppClient;
  /** The page's Session, links, customization. */
  page: PageContext;
  /** The call a self-service flow runs with: the browser's, this login as its parent flow. */
  childCall: FlowCall;
}

/** The login a page's form names (its hidden `session`), while it waits for a page. */
export function loginOfForm(services: Pick<Services, 'flows'>, session: string | undefined): HostedLoginStep {
  if (!session) throw new ErrorPage(SESSION_EXPIRED);
  return services.flows.hostedLogin.view(session);
}

/**
 * The login a page's link names (`session` in its query), or a new one from the link's authorize
 * parameters (client_id, redirect_uri, response_type, ...), checked as /oauth2/authorize checks them.
 */
export async function loginOfLink(services: Services, req: Request, call: FlowCall): Promise<HostedLoginStep> {
  const { session, ...authorizeQuery } = req.query;
  if (typeof session === 'string') {
    try {
      return services.flows.hostedLogin.view(session);
    } catch {
      // A stale link: a new login from its parameters, if it has them.
    }
  }
  const { pool, client, authorize } = checkAuthorize(services, authorizeQuery, req.headers.host);
  return services.flows.hostedLogin.start({ pool, client, authorize }, call);
}

export function pageLogin(services: Pick<Services, 'store'>, step: HostedLoginStep, call: FlowCall): PageLogin {
  const { poolId, clientId } = step.context;
  const pool = services.store.pools.findById(poolId);
  const client = findAppClient(services.store, clientId);
  if (!pool || !client || !step.session) throw new ErrorPage(SESSION_EXPIRED);
  const customization = pageCustomizationFor(services.store, poolId, clientId);
  return {
    step,
    pool,
    client,
    page: { session: step.session, linkQuery: linkQuery(step.context, step.session), ...(customization && { customization }) },
    childCall: { origin: call.origin, ...(call.userAgent && { userAgent: call.userAgent }), parentFlowId: step.flowId },
  };
}

/** The self-service flows' request naming `username`, signed with the client's secret where it has one. */
export function userCallOf({ pool, client }: Pick<PageLogin, 'pool' | 'client'>, username: string): UserCall {
  return { pool, client, username, secretHash: client.secret === undefined ? undefined : secretHash(client.secret, username, client.clientId) };
}

/** Where a sign-up code for `username` goes, for a page shown again (a wrong code): the user's own contact, masked. */
export function confirmationDeliveryOf(services: Pick<Services, 'store'>, pool: UserPool, username: string): CodeDelivery | undefined {
  const user = resolveUser(services.store, pool, username);
  const destination = user && confirmationDestination(pool, user);
  return destination ? codeDelivery(destination) : undefined;
}

/** The sign-in page of the login, with a note above the form (a password just changed) or a refusal. */
export function signInPageOf(login: PageLogin, shown: { notice?: string; error?: string }): string {
  const allowSignUp = !login.pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly;
  return loginPage({ ...login.page, ...shown, allowSignUp });
}

/** What a refusal says on the page: a Cognito exception's message (its type when it has none); anything else is a fault, thrown on. */
export function refusalOrThrow(error: unknown): string {
  const refusal = error as { type?: unknown; message?: unknown } | null;
  if (typeof refusal?.type !== 'string') throw error;
  return typeof refusal.message === 'string' && refusal.message !== '' ? refusal.message : refusal.type;
}
