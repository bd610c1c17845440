/**
 * The hosted login as its doors run it, one call each:
 *  - `start` (/oauth2/authorize, /login): a login for a checked authorize request;
 *  - `view` (a page's GET): where the login a page Session names stands;
 *  - `signIn`, `answer`, `signedUp`, `setUpMfa` (the pages' forms): the next step, shown as a
 *    page or sent back to the app;
 *  - `federate` (an identity provider chosen on the sign-in page) and `idpResponse`
 *    (/oauth2/idpresponse, /saml2/idpresponse): the way through an identity provider;
 *  - `redeem` (/oauth2/token): the code's tokens, once.
 * The browser holds the login's Session in the page (a hidden field); once signed in with a
 * password it also holds a hosted session cookie (../../cognito/hosted-sessions.ts).
 */
import type { AppClient } from '../../cognito/app-clients.js';
import { openHostedSession, type SessionSamlIdentity } from '../../cognito/hosted-sessions.js';
import type { CodeRedemption } from '../../cognito/oauth.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import { NotAuthorizedException } from '../../cognito/errors.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredFlow } from '../../store/repositories/flows.js';
import type { AuthenticationResult } from '../../tokens/tokens.js';
import type { FlowCall } from '../call.js';
import type { FlowRunner, FlowStep } from '../runner.js';
import type { IdpResponse } from '../../cognito/federation/types.js';
import { hostedLoginActors } from './actors.js';
import { federationActors, type FederationActorServices } from './federation-actors.js';
import { hostedLoginMachine, type AuthorizeRequest, type HostedLoginContext, type HostedLoginEvent, type HostedLoginMachine, type HostedLoginOutput } from './machine.js';

export const HOSTED_LOGIN = 'hosted-login';
/** Cognito's authorization codes are valid for five minutes. */
export const CODE_MINUTES = 5;
/** How long a page's form stays good: the hosted session's hour. */
const PAGE_MINUTES = 60;

/** Where the login stands after a call, for the door to show or redirect. */
export interface HostedLoginStep {
  flowId: string;
  /**
   * `signInPage` | `challengePage` | the MFA set-up pages (`mfaSetupChoicePage`, `softwareTokenPage`,
   * `phoneNumberPage`, `setupCodePage`): show a page; `codeIssued` | `redirected`: back to the app;
   * `awaitingIdp`: to the identity provider (`context.idp.location`); `idpRefused`: back to the app with the error.
   */
  state: string;
  context: HostedLoginContext;
  /** The page's Session, or the authorization code in `codeIssued`. */
  session?: string;
  /** The implicit grant's tokens. */
  tokens?: AuthenticationResult;
  /** The hosted session cookie opened by a password sign-in in this call. */
  hostedSession?: string;
}

export interface StartRequest {
  pool: UserPool;
  client: AppClient;
  authorize: AuthorizeRequest;
  hostedSession?: { sub: string; authTime: number };
  /** The identity provider the request named: the browser goes straight there. */
  identityProvider?: string;
  /** An IdP-initiated SAML response (its RelayState was the authorize request). */
  idpInitiated?: { provider: string; samlResponse: string };
}

/** What an MFA set-up page posts (machine.ts: MFA_SETUP on the hosted pages). */
export type MfaSetupAction =
  | { type: 'CHOOSE_MFA_SETUP'; factor: string }
  | { type: 'VERIFY_SOFTWARE_TOKEN'; code: string; friendlyDeviceName?: string }
  | { type: 'SET_PHONE_NUMBER'; phoneNumber: string }
  | { type: 'RESEND_SETUP_CODE' }
  | { type: 'CHANGE_PHONE_NUMBER' }
  | { type: 'VERIFY_PHONE_NUMBER'; code: string };

export interface HostedLoginFlow {
  start(request: StartRequest, call: FlowCall): Promise<HostedLoginStep>;
  view(session: string): HostedLoginStep;
  signIn(session: string, credentials: { username: string; password: string }, call: FlowCall): Promise<HostedLoginStep>;
  answer(session: string, responses: Record<string, string>, call: FlowCall): Promise<HostedLoginStep>;
  signedUp(session: string, sub: string, call: FlowCall): Promise<HostedLoginStep>;
  setUpMfa(session: string, action: MfaSetupAction, call: FlowCall): Promise<HostedLoginStep>;
  federate(session: string, provider: string, call: FlowCall): Promise<HostedLoginStep>;
  /** The provider's answer, found by the `state` or `RelayState` it carries (the login's Session). */
  idpResponse(state: string, response: IdpResponse, call: FlowCall): Promise<HostedLoginStep>;
  redeem(code: string, redemption: CodeRedemption, call: FlowCall): Promise<AuthenticationResult>;
}

/** Where a stored login stands: its state (the machine is flat) and its context. */
function persistedOf(flow: StoredFlow): { state: string; context: HostedLoginContext } {
  const snapshot = JSON.parse(flow.snapshot!) as { value: unknown; context: HostedLoginContext };
  return { state: String(snapshot.value), context: snapshot.context };
}

/** A sign-in through a SAML provider: what its single logout names the session by. */
function samlIdentityOf(context: HostedLoginContext): SessionSamlIdentity | undefined {
  const saml = context.identity?.saml;
  return saml && context.idp ? { provider: context.idp.provider, ...saml } : undefined;
}

/** What every browser event carries: the call's origin and agent. */
const callData = (call: FlowCall) => ({ origin: call.origin, ...(call.userAgent && { userAgent: call.userAgent }) });

/** A code lives five minutes; a page's form an hour. */
const sessionMinutes = (snapshot: { value: unknown }) => (snapshot.value === 'codeIssued' ? CODE_MINUTES : PAGE_MINUTES);

const invalidGrant = () => new OAuthError('invalid_grant');

export function createHostedLogin(services: FederationActorServices & { runner: FlowRunner }): HostedLoginFlow {
  const machine = hostedLoginMachine.provide({ actors: { ...hostedLoginActors(services), ...federationActors(services) } }) as HostedLoginMachine;
  const { runner } = services;

  function stepOf(step: FlowStep<HostedLoginMachine>, postedSession?: string): HostedLoginStep {
    const context = step.snapshot.context;
    const state = String(step.snapshot.value);
    const output = step.output as HostedLoginOutput | undefined;
    const signedIn = context.signedIn;
    const justSignedIn = (state === 'codeIssued' || state === 'redirected') && signedIn?.withPassword;
    return {
      flowId: step.flowId,
      state,
      context,
      ...((step.session ?? postedSession) && { session: step.session ?? postedSession }),
      ...(state === 'redirected' && output?.tokens && { tokens: output.tokens }),
      ...(justSignedIn && { hostedSession: openHostedSession(services, context.poolId, signedIn.sub, signedIn.authTime, samlIdentityOf(context), { clientId: context.clientId }) }),
    };
  }

  /** The flow a page's Session names, while it waits for a page's form (a code is not a page's Session). */
  function pageFlow(session: string): { flow: StoredFlow; state: string; context: HostedLoginContext } {
    const flow = runner.findBySession(session);
    const persisted = persistedOf(flow);
    if (flow.kind !== HOSTED_LOGIN || persisted.state === 'codeIssued') throw new NotAuthorizedException('Invalid session for the user.');
    return { flow, ...persisted };
  }

  async function resume(session: string, event: HostedLoginEvent, call: FlowCall): Promise<HostedLoginStep> {
    const { flow } = pageFlow(session);
    call.flowId = flow.id;
    return sentOnToIdp(await runner.resume(machine, flow, sessionMinutes, event), session);
  }

  /**
   * A login that chose its identity provider waits for its Session, which goes to the provider as
   * the `state` (or RelayState) the answer comes back with: the flow keeps that Session while it
   * awaits the provider.
   */
  async function sentOnToIdp(step: FlowStep<HostedLoginMachine>, postedSession?: string): Promise<HostedLoginStep> {
    if (String(step.snapshot.value) !== 'idpChosen' || !step.session) return stepOf(step, postedSession);
    const flow = runner.findBySession(step.session);
    const sent = await runner.resume(machine, flow, sessionMinutes, { type: 'SEND_TO_IDP', state: step.session }, { keepSession: true });
    return stepOf(sent, step.session);
  }

  return {
    async start({ pool, client, authorize, hostedSession, identityProvider, idpInitiated }, call) {
      const meta = { kind: HOSTED_LOGIN, poolId: pool.id, clientId: client.clientId, username: null, sessionMinutes };
      const input = {
        poolId: pool.id,
        clientId: client.clientId,
        authorize,
        ...callData(call),
        ...(hostedSession && { hostedSession }),
        ...(identityProvider && { identityProvider }),
        ...(idpInitiated && { idpInitiated }),
      };
      const step = await runner.start(machine, meta, input);
      call.flowId = step.flowId;
      return sentOnToIdp(step);
    },

    view(session) {
      const { flow, state, context } = pageFlow(session);
      return { flowId: flow.id, state, context, session };
    },

    signIn: (session, { username, password }, call) => resume(session, { type: 'SIGN_IN', username, password, ...callData(call) }, call),

    answer: (session, responses, call) => resume(session, { type: 'ANSWER', responses, ...callData(call) }, call),

    signedUp: (session, sub, call) => resume(session, { type: 'SIGNED_UP', sub, ...callData(call) }, call),

    setUpMfa: (session, action, call) => resume(session, { ...action, ...callData(call) }, call),

    federate: (session, provider, call) => resume(session, { type: 'FEDERATE', provider, ...callData(call) }, call),

    async idpResponse(state, response, call) {
      const flow = runner.findBySession(state);
      if (flow.kind !== HOSTED_LOGIN || persistedOf(flow).state !== 'awaitingIdp') throw new NotAuthorizedException('Invalid session for the user.');
      call.flowId = flow.id;
      return stepOf(await runner.resume(machine, flow, sessionMinutes, { type: 'IDP_RESPONSE', response, ...callData(call) }), state);
    },

    async redeem(code, redemption, call) {
      let flow: StoredFlow;
      try {
        flow = runner.findBySession(code);
      } catch {
        throw invalidGrant();
      }
      call.flowId = flow.id;
      if (flow.kind !== HOSTED_LOGIN || persistedOf(flow).state !== 'codeIssued') throw invalidGrant();
      const step = await runner.resume(machine, flow, sessionMinutes, { type: 'REDEEM', ...redemption });
      const output = step.output as HostedLoginOutput | undefined;
      if (output?.outcome !== 'success' || !output.tokens) throw invalidGrant();
      return output.tokens;
    },
  };
}
