/**
 * A login on the hosted UI, as the browser goes through it. The authorize request (checked by
 * the door: client, redirect URI, scopes, PKCE) opens the flow; the browser is shown the sign-in
 * page and posts the form; the password sign-in runs as its own sign-in flow (the child, whose
 * challenges are pages here too); once the user is signed in the browser goes back to the app
 * with a code (or, for the implicit grant, the tokens), and the app's back end redeems the code
 * at the token endpoint.
 *
 *   starting ─┬─ a hosted session (the `cognito` cookie) ─► issuingForUser ─┐
 *             └─► signInPage ⇄ signingIn ─┬──────────────────────────────────┤
 *                     ▲ SIGNED_UP          └─► challengePage ⇄ answering ────┤
 *                     └─────────────────────────► issuingForUser ────────────┤
 *                                                                            ▼
 *                                     authorized ─┬─ code ─► codeIssued ─► redeemed
 *                                                 └─ token ─► redirected
 *
 * The code is the Session of `codeIssued`: single-use, and dead five minutes after it is issued.
 * A refusal (a wrong password, a wrong MFA code) leaves the page as it was, with the error.
 */
import { assign, setup } from 'xstate';
import type { AuthenticationResult } from '../../tokens/tokens.js';
import { failureOf, notProvided, refusalOf, type Failure } from '../failure.js';
import { AWAITING_CLIENT } from '../runner.js';
import { redemptionRefusal, type CodeRedemption } from '../../cognito/oauth.js';

/** The authorize request, checked: what the login grants and where the browser goes back to. */
export interface AuthorizeRequest {
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  /** PKCE: the S256 challenge the code's redemption must prove. */
  codeChallenge?: string;
}

export interface SignedInUser {
  sub: string;
  username: string;
  /** Epoch seconds. */
  authTime: number;
  /** The user typed their password in this login (a hosted session is opened for them). */
  withPassword: boolean;
}

/** A challenge of the child sign-in flow, shown as a page. */
export interface HostedChallenge {
  name: string;
  parameters: Record<string, string>;
  /** The child flow's Session, kept here and never shown to the browser. */
  session: string;
  username: string;
  available?: string[];
}

export interface HostedLoginInput {
  poolId: string;
  clientId: string;
  authorize: AuthorizeRequest;
  origin: string;
  userAgent?: string;
  /** The browser's hosted session names a signed-in user: no password is asked. */
  hostedSession?: { sub: string; authTime: number };
}

export interface HostedLoginContext extends HostedLoginInput {
  challenge?: HostedChallenge;
  tokens?: AuthenticationResult;
  signedIn?: SignedInUser;
  failure?: Failure;
}

/** Where a browser's call came from, with every event. */
interface CallData {
  origin: string;
  userAgent?: string;
}

export type HostedLoginEvent =
  | ({ type: 'SIGN_IN'; username: string; password: string } & CallData)
  | ({ type: 'ANSWER'; responses: Record<string, string> } & CallData)
  | ({ type: 'SIGNED_UP'; sub: string } & CallData)
  | ({ type: 'REDEEM' } & CodeRedemption);

/** What a step of the child sign-in flow ends with: another challenge, or the user signed in. */
export type SignInStep = { challenge: HostedChallenge } | { tokens: AuthenticationResult; signedIn: SignedInUser };

export interface SignInStepInput {
  poolId: string;
  clientId: string;
  authorize: AuthorizeRequest;
  flowId: string;
  call: CallData;
}

export interface HostedLoginOutput {
  outcome: 'success' | 'failure';
  reason?: string;
  tokens?: AuthenticationResult;
  signedIn?: SignedInUser;
  error?: Failure['error'];
}

export const hostedLoginMachine = setup({
  types: {
    input: {} as HostedLoginInput,
    context: {} as HostedLoginContext,
    events: {} as HostedLoginEvent,
    output: {} as HostedLoginOutput,
  },
  actors: {
    /** Starts the child sign-in flow with the username and password the page posted. */
    signIn: notProvided<SignInStep, SignInStepInput & { username: string; password: string }>('signIn'),
    /** Answers the child flow's challenge with what the page posted. */
    answerChallenge: notProvided<SignInStep, SignInStepInput & { challenge: HostedChallenge; responses: Record<string, string> }>('answerChallenge'),
    /** Issues tokens to a user who is signed in already (hosted session) or just confirmed their sign-up. */
    issueForUser: notProvided<SignInStep, SignInStepInput & { sub: string; authTime?: number }>('issueForUser'),
  },
  guards: {
    hasHostedSession: ({ context }) => context.hostedSession !== undefined,
    isChallenge: (_, step: SignInStep) => 'challenge' in step,
    isCodeGrant: ({ context }) => context.authorize.responseType === 'code',
    redemptionRefused: ({ context, event }) => event.type === 'REDEEM' && refusalOfRedemption(context, event) !== undefined,
    /** A wrong MFA code leaves the challenge standing; any other refusal ends the child flow. */
    challengeStands: ({ event }) => refusalOf(event)?.type === 'CodeMismatchException',
  },
  actions: {
    acceptCall: assign({ failure: undefined, origin: ({ context, event }) => ('origin' in event ? event.origin : context.origin) }),
    refuse: assign({ failure: ({ event }) => failureOf(refusalOf(event)!) }),
    leaveChallenge: assign({ challenge: undefined }),
  },
}).createMachine({
  id: 'hosted-login',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: HostedLoginOutput }).output,
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'hasHostedSession', target: 'signingInFromSession' }, { target: 'signInPage' }],
    },

    /** The browser's hosted session: the user is signed in without a password. */
    signingInFromSession: {
      invoke: {
        src: 'issueForUser',
        input: ({ context, self }) => ({ ...stepInput(context, self.id), sub: context.hostedSession!.sub, authTime: context.hostedSession!.authTime }),
        onDone: { target: 'authorized', actions: assign(({ event }) => signedInBy(event.output)) },
        onError: { target: 'signInPage', actions: 'refuse' },
      },
    },

    signInPage: {
      tags: [AWAITING_CLIENT],
      on: {
        SIGN_IN: { target: 'signingIn', actions: 'acceptCall' },
        SIGNED_UP: { target: 'signingInNewUser', actions: 'acceptCall' },
      },
    },

    signingIn: {
      invoke: {
        src: 'signIn',
        input: ({ context, event, self }) => {
          const { username, password } = event as Extract<HostedLoginEvent, { type: 'SIGN_IN' }>;
          return { ...stepInput(context, self.id), username, password };
        },
        onDone: [
          { guard: { type: 'isChallenge', params: ({ event }) => event.output }, target: 'challengePage', actions: assign(({ event }) => challengedBy(event.output)) },
          { target: 'authorized', actions: assign(({ event }) => signedInBy(event.output)) },
        ],
        onError: { target: 'signInPage', actions: 'refuse' },
      },
    },

    /** A user who confirmed their sign-up during this login (the confirm page) is signed in. */
    signingInNewUser: {
      invoke: {
        src: 'issueForUser',
        input: ({ context, event, self }) => ({ ...stepInput(context, self.id), sub: (event as Extract<HostedLoginEvent, { type: 'SIGNED_UP' }>).sub }),
        onDone: { target: 'authorized', actions: assign(({ event }) => signedInBy(event.output)) },
        onError: { target: 'signInPage', actions: 'refuse' },
      },
    },

    challengePage: {
      tags: [AWAITING_CLIENT],
      on: {
        ANSWER: { target: 'answering', actions: 'acceptCall' },
      },
    },

    answering: {
      invoke: {
        src: 'answerChallenge',
        input: ({ context, event, self }) => ({
          ...stepInput(context, self.id),
          challenge: context.challenge!,
          responses: (event as Extract<HostedLoginEvent, { type: 'ANSWER' }>).responses,
        }),
        onDone: [
          { guard: { type: 'isChallenge', params: ({ event }) => event.output }, target: 'challengePage', actions: assign(({ event }) => challengedBy(event.output)) },
          { target: 'authorized', actions: assign(({ event }) => signedInBy(event.output)) },
        ],
        onError: [
          { guard: 'challengeStands', target: 'challengePage', actions: 'refuse' },
          { target: 'signInPage', actions: ['refuse', 'leaveChallenge'] },
        ],
      },
    },

    authorized: {
      always: [{ guard: 'isCodeGrant', target: 'codeIssued' }, { target: 'redirected' }],
    },

    /** The code is out with the browser; the app's back end redeems it at the token endpoint. */
    codeIssued: {
      tags: [AWAITING_CLIENT],
      on: {
        REDEEM: [{ guard: 'redemptionRefused', target: 'redemptionRefused' }, { target: 'redeemed' }],
      },
    },

    redeemed: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', tokens: context.tokens, signedIn: context.signedIn }),
    },

    redemptionRefused: {
      type: 'final',
      output: ({ context, event }) => ({ outcome: 'failure', reason: refusalOfRedemption(context, event as Extract<HostedLoginEvent, { type: 'REDEEM' }>) }),
    },

    /** The implicit grant: the tokens went back in the redirect's fragment. */
    redirected: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', tokens: context.tokens, signedIn: context.signedIn }),
    },
  },
});

export type HostedLoginMachine = typeof hostedLoginMachine;

function refusalOfRedemption(context: HostedLoginContext, redemption: CodeRedemption): string | undefined {
  const { redirectUri, codeChallenge } = context.authorize;
  return redemptionRefusal({ clientId: context.clientId, redirectUri, ...(codeChallenge && { codeChallenge }) }, redemption);
}

function stepInput(context: HostedLoginContext, flowId: string): SignInStepInput {
  return {
    poolId: context.poolId,
    clientId: context.clientId,
    authorize: context.authorize,
    flowId,
    call: { origin: context.origin, ...(context.userAgent && { userAgent: context.userAgent }) },
  };
}

function challengedBy(step: SignInStep): Partial<HostedLoginContext> {
  return 'challenge' in step ? { challenge: step.challenge } : {};
}

function signedInBy(step: SignInStep): Partial<HostedLoginContext> {
  return 'tokens' in step ? { tokens: step.tokens, signedIn: step.signedIn, challenge: undefined } : {};
}
