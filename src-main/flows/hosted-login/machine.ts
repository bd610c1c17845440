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
 *                     ▲ SIGNED_UP          ├─► challengePage ⇄ answering ────┤
 *                     │                    └─► settingUpMfa (MFA_SETUP) ─────┤
 *                     └─────────────────────────► issuingForUser ────────────┤
 *                                                                            ▼
 *                                     authorized ─┬─ code ─► codeIssued ─► redeemed
 *                                                 └─ token ─► redirected
 *
 *   settingUpMfa ─┬─ mfaSetupChoicePage (both factors) ─ CHOOSE_MFA_SETUP ─┐
 *                 ├─► associatingSoftwareToken ─► softwareTokenPage ⇄ verifyingSoftwareToken ─► authorized
 *                 └─► phoneNumberPage ⇄ sendingSetupCode ─► setupCodePage ⇄ checkingSetupCode ─► authorized
 *
 * Federation: an authorize request naming an identity provider (identity_provider, idp_identifier),
 * a provider button's link or the email-domain box sends the browser to the provider. The login's
 * Session is the `state` (OIDC, social) or `RelayState` (SAML) it carries there, so the provider's
 * answer at /oauth2/idpresponse or /saml2/idpresponse finds the login; an IdP-initiated SAML
 * response starts a login of its own at `exchangingIdpResponse`.
 *
 *   starting / signInPage ─► idpChosen ─► redirectingToIdp ─► awaitingIdp ─► exchangingIdpResponse
 *        ─► signingInFederated (attribute mapping, the user made or updated) ─► authorized
 *   any refusal on the way ─► idpRefused (the app gets error and error_description)
 *
 * The code is the Session of `codeIssued`: single-use, and dead five minutes after it is issued.
 * A refusal (a wrong password, a wrong MFA code) leaves the page as it was, with the error.
 *
 * MFA_SETUP is the hosted UI's own pages, as the guide's sign-up walk-through shows them: a choice
 * of method when the pool offers both, an authenticator app (AssociateSoftwareToken and
 * VerifySoftwareToken on the child flow's Session, which changes at each, then MFA_SETUP answered),
 * or SMS: the user's phone number, a code sent to it, and once the code is right the number is
 * theirs, verified, and SMS MFA is on.
 */
import { assign, setup } from 'xstate';
import type { AuthenticationResult } from '../../tokens/tokens.js';
import { failureOf, notProvided, refusalOf, type Failure } from '../failure.js';
import { AWAITING_CLIENT } from '../runner.js';
import { redemptionRefusal, type CodeRedemption } from '../../cognito/oauth.js';
import type { IdpIdentity, IdpRedirect, IdpResponse, PendingIdpRequest } from '../../cognito/federation/types.js';

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
  /** The identity provider the authorize request named: the browser goes straight there. */
  identityProvider?: string;
  /** An IdP-initiated SAML response: the login starts by checking it. */
  idpInitiated?: { provider: string; samlResponse: string };
}

/** The login's identity provider: chosen, then the request that left for it. */
export interface IdpLeg {
  provider: string;
  /** Where the browser was sent. */
  location?: string;
  pending?: PendingIdpRequest;
}

/** MFA_SETUP on the hosted pages: the factor being set up and what its pages show. */
export interface MfaSetup {
  factor?: SetupFactor;
  /** The authenticator app's secret AssociateSoftwareToken handed out (its page shows it as a QR code and in text). */
  secretCode?: string;
  /** SMS: the phone number the user gave, and where its code went (the code itself only hashed). */
  phoneNumber?: string;
  sentCode?: SentSetupCode;
}

/** The factors the hosted UI sets up in MFA_SETUP. */
export type SetupFactor = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA';
export const SETUP_FACTORS: readonly SetupFactor[] = ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'];

export interface SentSetupCode {
  codeHash: string;
  /** Wrong answers so far: the fifth ends the set-up, as Cognito ends an MFA challenge. */
  wrongCodes?: number;
  /** Epoch milliseconds. */
  expires: number;
  /** The phone number, masked as Cognito shows it. */
  destination: string;
}

export interface HostedLoginContext extends HostedLoginInput {
  idp?: IdpLeg;
  /** Who the identity provider said signed in. */
  identity?: IdpIdentity;
  challenge?: HostedChallenge;
  mfaSetup?: MfaSetup;
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
  | ({ type: 'FEDERATE'; provider: string } & CallData)
  | { type: 'SEND_TO_IDP'; state: string }
  | ({ type: 'IDP_RESPONSE'; response: IdpResponse } & CallData)
  | ({ type: 'CHOOSE_MFA_SETUP'; factor: string } & CallData)
  | ({ type: 'VERIFY_SOFTWARE_TOKEN'; code: string; friendlyDeviceName?: string } & CallData)
  | ({ type: 'SET_PHONE_NUMBER'; phoneNumber: string } & CallData)
  | ({ type: 'RESEND_SETUP_CODE' } & CallData)
  | ({ type: 'CHANGE_PHONE_NUMBER' } & CallData)
  | ({ type: 'VERIFY_PHONE_NUMBER'; code: string } & CallData)
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

/** AssociateSoftwareToken's answer on the child flow: its new Session and the secret. */
export interface AssociatedSoftwareToken {
  session: string;
  secretCode: string;
}

/** The federation steps' input: the login's client and the provider it signs in with. */
export interface FederationStepInput extends SignInStepInput {
  provider: string;
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
    issueForUser: notProvided<SignInStep, SignInStepInput & { sub: string; authTime?: number; opensSession?: boolean }>('issueForUser'),
    /** MFA_SETUP: AssociateSoftwareToken on the child flow's Session. */
    associateSoftwareToken: notProvided<AssociatedSoftwareToken, SignInStepInput & { challenge: HostedChallenge }>('associateSoftwareToken'),
    /** MFA_SETUP: VerifySoftwareToken with the page's code, then MFA_SETUP answered on the Session it hands back. */
    verifySoftwareToken: notProvided<SignInStep, SignInStepInput & { challenge: HostedChallenge; code: string; friendlyDeviceName?: string }>('verifySoftwareToken'),
    /** SMS MFA set-up: a code to the phone number the user gave. */
    sendSetupCode: notProvided<SentSetupCode, SignInStepInput & { challenge: HostedChallenge; phoneNumber: string }>('sendSetupCode'),
    /** SMS MFA set-up: the code checked; the number becomes the user's, verified, SMS MFA on; the user signed in. */
    confirmSetupCode: notProvided<SignInStep, SignInStepInput & { challenge: HostedChallenge; phoneNumber: string; sentCode: SentSetupCode; code: string }>('confirmSetupCode'),
    /** The request to the identity provider (OIDC / OAuth authorize request, SAML AuthnRequest), carrying the login's Session. */
    redirectToIdp: notProvided<IdpRedirect, FederationStepInput & { state: string }>('redirectToIdp'),
    /** The provider's answer checked: who it says signed in. */
    exchangeIdpResponse: notProvided<IdpIdentity, FederationStepInput & { pending?: PendingIdpRequest; response: IdpResponse }>('exchangeIdpResponse'),
    /** The identity made (or found as) a user of the pool by the attribute mapping, and issued tokens. */
    signInFederated: notProvided<SignInStep, FederationStepInput & { identity: IdpIdentity }>('signInFederated'),
  },
  guards: {
    hasHostedSession: ({ context }) => context.hostedSession !== undefined,
    namesIdentityProvider: ({ context }) => context.identityProvider !== undefined,
    isIdpInitiated: ({ context }) => context.idpInitiated !== undefined,
    isChallenge: (_, step: SignInStep) => 'challenge' in step,
    isCodeGrant: ({ context }) => context.authorize.responseType === 'code',
    redemptionRefused: ({ context, event }) => event.type === 'REDEEM' && refusalOfRedemption(context, event) !== undefined,
    /** A wrong MFA code leaves the challenge standing; any other refusal ends the child flow. */
    challengeStands: ({ event }) => refusalOf(event)?.type === 'CodeMismatchException',
    isMfaSetup: (_, step: SignInStep) => 'challenge' in step && step.challenge.name === 'MFA_SETUP',
    setsUpOnly: ({ context }, factor: SetupFactor) => setupFactorsOf(context.challenge).join() === factor,
    setsUpBoth: ({ context }) => setupFactorsOf(context.challenge).length === SETUP_FACTORS.length,
    choosesSoftwareToken: ({ context, event }) => event.type === 'CHOOSE_MFA_SETUP' && event.factor === 'SOFTWARE_TOKEN_MFA' && setupFactorsOf(context.challenge).includes('SOFTWARE_TOKEN_MFA'),
    choosesSms: ({ context, event }) => event.type === 'CHOOSE_MFA_SETUP' && event.factor === 'SMS_MFA' && setupFactorsOf(context.challenge).includes('SMS_MFA'),
    /** A wrong set-up code: the page asks again (the child flow's Session stands). */
    setupCodeRejected: ({ event }) => SETUP_CODE_REFUSALS.has(refusalOf(event)?.type ?? ''),
    lastWrongSetupCode: ({ context, event }) => refusalOf(event)?.type === 'CodeMismatchException' && (context.mfaSetup?.sentCode?.wrongCodes ?? 0) + 1 >= MAX_WRONG_SETUP_CODES,
  },
  actions: {
    acceptCall: assign({ failure: undefined, origin: ({ context, event }) => ('origin' in event ? event.origin : context.origin) }),
    refuse: assign({ failure: ({ event }) => failureOf(refusalOf(event)!) }),
    leaveChallenge: assign({ challenge: undefined, mfaSetup: undefined }),
    countWrongCode: assign({
      mfaSetup: ({ context, event }) => {
        const setup = context.mfaSetup!;
        if (refusalOf(event)?.type !== 'CodeMismatchException' || !setup.sentCode) return setup;
        return { ...setup, sentCode: { ...setup.sentCode, wrongCodes: (setup.sentCode.wrongCodes ?? 0) + 1 } };
      },
    }),
    refuseChoice: assign({ failure: { reason: 'no such MFA method to set up', error: { type: 'InvalidParameterException', message: 'Choose an MFA method.' } } }),
  },
}).createMachine({
  id: 'hosted-login',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: HostedLoginOutput }).output,
  initial: 'starting',
  states: {
    starting: {
      always: [
        { guard: 'isIdpInitiated', target: 'exchangingIdpResponse', actions: assign({ idp: ({ context }) => ({ provider: context.idpInitiated!.provider }) }) },
        { guard: 'namesIdentityProvider', target: 'idpChosen', actions: assign({ idp: ({ context }) => ({ provider: context.identityProvider! }) }) },
        { guard: 'hasHostedSession', target: 'signingInFromSession' },
        { target: 'signInPage' },
      ],
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
        FEDERATE: { target: 'idpChosen', actions: ['acceptCall', assign({ idp: ({ event }) => ({ provider: (event as Extract<HostedLoginEvent, { type: 'FEDERATE' }>).provider }) })] },
      },
    },

    /** The provider is chosen; the door sends the login's Session along as the provider's state. */
    idpChosen: {
      tags: [AWAITING_CLIENT],
      on: {
        SEND_TO_IDP: { target: 'redirectingToIdp' },
      },
    },

    redirectingToIdp: {
      invoke: {
        src: 'redirectToIdp',
        input: ({ context, event, self }) => ({ ...stepInput(context, self.id), provider: context.idp!.provider, state: (event as Extract<HostedLoginEvent, { type: 'SEND_TO_IDP' }>).state }),
        onDone: { target: 'awaitingIdp', actions: assign({ idp: ({ context, event }) => ({ ...context.idp!, location: event.output.location, pending: event.output.pending }) }) },
        onError: { target: 'idpRefused', actions: 'refuse' },
      },
    },

    /** The browser is at the identity provider; its answer comes back to /oauth2/idpresponse or /saml2/idpresponse. */
    awaitingIdp: {
      tags: [AWAITING_CLIENT],
      on: {
        IDP_RESPONSE: { target: 'exchangingIdpResponse', actions: 'acceptCall' },
      },
    },

    exchangingIdpResponse: {
      invoke: {
        src: 'exchangeIdpResponse',
        input: ({ context, event, self }) => ({
          ...stepInput(context, self.id),
          provider: context.idp!.provider,
          ...(context.idp!.pending && { pending: context.idp!.pending }),
          response: event.type === 'IDP_RESPONSE' ? event.response : { protocol: 'saml' as const, samlResponse: context.idpInitiated!.samlResponse },
        }),
        // The response itself is not kept: a SAML response is large, and it is in the debugger's events.
        onDone: { target: 'signingInFederated', actions: assign({ identity: ({ event }) => event.output, idpInitiated: undefined }) },
        onError: { target: 'idpRefused', actions: ['refuse', assign({ idpInitiated: undefined })] },
      },
    },

    signingInFederated: {
      invoke: {
        src: 'signInFederated',
        input: ({ context, self }) => ({ ...stepInput(context, self.id), provider: context.idp!.provider, identity: context.identity! }),
        onDone: { target: 'authorized', actions: assign(({ event }) => signedInBy(event.output)) },
        onError: { target: 'idpRefused', actions: 'refuse' },
      },
    },

    /** The provider, its answer or the user it named was refused: the app is told at its redirect URI. */
    idpRefused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: context.failure?.reason ?? 'identity provider refused', ...(context.failure && { error: context.failure.error }) }),
    },

    signingIn: {
      invoke: {
        src: 'signIn',
        input: ({ context, event, self }) => {
          const { username, password } = event as Extract<HostedLoginEvent, { type: 'SIGN_IN' }>;
          return { ...stepInput(context, self.id), username, password };
        },
        onDone: [
          { guard: { type: 'isMfaSetup', params: ({ event }) => event.output }, target: 'settingUpMfa', actions: assign(({ event }) => challengedBy(event.output)) },
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
        // The new user typed their password on the sign-up page: the browser gets a hosted session.
        input: ({ context, event, self }) => ({ ...stepInput(context, self.id), sub: (event as Extract<HostedLoginEvent, { type: 'SIGNED_UP' }>).sub, opensSession: true }),
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
          { guard: { type: 'isMfaSetup', params: ({ event }) => event.output }, target: 'settingUpMfa', actions: assign(({ event }) => challengedBy(event.output)) },
          { guard: { type: 'isChallenge', params: ({ event }) => event.output }, target: 'challengePage', actions: assign(({ event }) => challengedBy(event.output)) },
          { target: 'authorized', actions: assign(({ event }) => signedInBy(event.output)) },
        ],
        onError: [
          { guard: 'challengeStands', target: 'challengePage', actions: 'refuse' },
          { target: 'signInPage', actions: ['refuse', 'leaveChallenge'] },
        ],
      },
    },

    /** MFA_SETUP: the method's page, or the choice when the pool offers both; a challenge the hosted UI cannot set up is the error page. */
    settingUpMfa: {
      always: [
        { guard: { type: 'setsUpOnly', params: 'SOFTWARE_TOKEN_MFA' }, target: 'associatingSoftwareToken' },
        { guard: { type: 'setsUpOnly', params: 'SMS_MFA' }, target: 'phoneNumberPage' },
        { guard: 'setsUpBoth', target: 'mfaSetupChoicePage' },
        { target: 'challengePage' },
      ],
    },

    mfaSetupChoicePage: {
      tags: [AWAITING_CLIENT],
      on: {
        CHOOSE_MFA_SETUP: [
          { guard: 'choosesSoftwareToken', target: 'associatingSoftwareToken', actions: 'acceptCall' },
          { guard: 'choosesSms', target: 'phoneNumberPage', actions: 'acceptCall' },
          { target: 'mfaSetupChoicePage', actions: ['acceptCall', 'refuseChoice'] },
        ],
      },
    },

    associatingSoftwareToken: {
      invoke: {
        src: 'associateSoftwareToken',
        input: ({ context, self }) => ({ ...stepInput(context, self.id), challenge: context.challenge! }),
        onDone: {
          target: 'softwareTokenPage',
          actions: assign(({ context, event }) => ({
            challenge: { ...context.challenge!, session: event.output.session },
            mfaSetup: { factor: 'SOFTWARE_TOKEN_MFA' as const, secretCode: event.output.secretCode },
          })),
        },
        onError: { target: 'signInPage', actions: ['refuse', 'leaveChallenge'] },
      },
    },

    softwareTokenPage: {
      tags: [AWAITING_CLIENT],
      on: {
        VERIFY_SOFTWARE_TOKEN: { target: 'verifyingSoftwareToken', actions: 'acceptCall' },
      },
    },

    verifyingSoftwareToken: {
      invoke: {
        src: 'verifySoftwareToken',
        input: ({ context, event, self }) => {
          const { code, friendlyDeviceName } = event as Extract<HostedLoginEvent, { type: 'VERIFY_SOFTWARE_TOKEN' }>;
          return { ...stepInput(context, self.id), challenge: context.challenge!, code, ...(friendlyDeviceName && { friendlyDeviceName }) };
        },
        onDone: [
          { guard: { type: 'isChallenge', params: ({ event }) => event.output }, target: 'challengePage', actions: assign(({ event }) => ({ ...challengedBy(event.output), mfaSetup: undefined })) },
          { target: 'authorized', actions: assign(({ event }) => ({ ...signedInBy(event.output), mfaSetup: undefined })) },
        ],
        onError: [
          { guard: 'setupCodeRejected', target: 'softwareTokenPage', actions: 'refuse' },
          { target: 'signInPage', actions: ['refuse', 'leaveChallenge'] },
        ],
      },
    },

    phoneNumberPage: {
      tags: [AWAITING_CLIENT],
      on: {
        SET_PHONE_NUMBER: {
          target: 'sendingSetupCode',
          actions: ['acceptCall', assign({ mfaSetup: ({ event }) => ({ factor: 'SMS_MFA' as const, phoneNumber: (event as Extract<HostedLoginEvent, { type: 'SET_PHONE_NUMBER' }>).phoneNumber }) })],
        },
      },
    },

    sendingSetupCode: {
      invoke: {
        src: 'sendSetupCode',
        input: ({ context, self }) => ({ ...stepInput(context, self.id), challenge: context.challenge!, phoneNumber: context.mfaSetup!.phoneNumber! }),
        onDone: { target: 'setupCodePage', actions: assign({ mfaSetup: ({ context, event }) => ({ ...context.mfaSetup!, sentCode: event.output }) }) },
        onError: { target: 'phoneNumberPage', actions: 'refuse' },
      },
    },

    setupCodePage: {
      tags: [AWAITING_CLIENT],
      on: {
        VERIFY_PHONE_NUMBER: { target: 'checkingSetupCode', actions: 'acceptCall' },
        RESEND_SETUP_CODE: { target: 'sendingSetupCode', actions: 'acceptCall' },
        CHANGE_PHONE_NUMBER: { target: 'phoneNumberPage', actions: ['acceptCall', assign({ mfaSetup: { factor: 'SMS_MFA' as const } })] },
      },
    },

    checkingSetupCode: {
      invoke: {
        src: 'confirmSetupCode',
        input: ({ context, event, self }) => ({
          ...stepInput(context, self.id),
          challenge: context.challenge!,
          phoneNumber: context.mfaSetup!.phoneNumber!,
          sentCode: context.mfaSetup!.sentCode!,
          code: (event as Extract<HostedLoginEvent, { type: 'VERIFY_PHONE_NUMBER' }>).code,
        }),
        onDone: { target: 'authorized', actions: assign(({ event }) => ({ ...signedInBy(event.output), mfaSetup: undefined })) },
        onError: [
          { guard: 'lastWrongSetupCode', target: 'signInPage', actions: ['refuse', 'leaveChallenge'] },
          { guard: 'setupCodeRejected', target: 'setupCodePage', actions: ['refuse', 'countWrongCode'] },
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

const MAX_WRONG_SETUP_CODES = 5;

/** Refusals of a set-up code that leave its page standing. */
const SETUP_CODE_REFUSALS: ReadonlySet<string> = new Set(['CodeMismatchException', 'EnableSoftwareTokenMFAException', 'ExpiredCodeException']);

/** The factors of MFA_SETUP's MFAS_CAN_SETUP the hosted UI sets up, in the order its choice lists them. */
export function setupFactorsOf(challenge: HostedChallenge | undefined): SetupFactor[] {
  let listed: unknown;
  try {
    listed = JSON.parse(challenge?.parameters.MFAS_CAN_SETUP ?? '[]');
  } catch {
    listed = [];
  }
  return SETUP_FACTORS.filter((factor) => Array.isArray(listed) && listed.includes(factor));
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
