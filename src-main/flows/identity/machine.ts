/**
 * One call to an identity pool, as a flow: GetId, GetCredentialsForIdentity, GetOpenIdToken,
 * GetOpenIdTokenForDeveloperIdentity, or STS's AssumeRoleWithWebIdentity with a Cognito Identity
 * token. The logins are checked as Cognito checks them, the identity is found, made, linked or
 * merged, and then, by call: the identity id answered (GetId), the role chosen and credentials
 * issued (GetCredentialsForIdentity), or an OpenID token signed (the basic flow). The web identity
 * branch checks the token and issues credentials for the role the caller names.
 *
 * These flows never wait for the client: one call, one flow. The logins' tokens are context
 * only while the call runs (a flow that has ended keeps no snapshot).
 */
import { assign, setup } from 'xstate';
import type { IssuedCredentials, VerifiedLogin } from '../../cognito/identity/types.js';
import { failureOf, notProvided, refusalOf, type Failure } from '../failure.js';
import type { WebIdentityCredentials, WebIdentityRequest } from './types.js';

export type IdentityCallName =
  | 'GetId'
  | 'GetCredentialsForIdentity'
  | 'GetOpenIdToken'
  | 'GetOpenIdTokenForDeveloperIdentity'
  | 'AssumeRoleWithWebIdentity';

export interface IdentityFlowInput {
  call: IdentityCallName;
  /** Absent when the call names an identity the sandbox does not know (the flow refuses it). */
  identityPoolId?: string;
  identityId?: string;
  /** Login key → token (a developer provider's user identifier for the developer call). */
  logins: Record<string, string>;
  customRoleArn?: string;
  principalTags?: Record<string, string>;
  /** Seconds the OpenID token lives (GetOpenIdTokenForDeveloperIdentity's TokenDuration). */
  tokenDuration?: number;
  webIdentity?: WebIdentityRequest;
  origin: string;
  region: string;
}

/** The identity the call ended up with. */
export interface ResolvedIdentity {
  identityPoolId: string;
  identityId: string;
  authenticated: boolean;
}

export interface ChosenRole {
  roleArn: string;
  principalTags: Record<string, string>;
}

export interface OpenIdTokenAnswer {
  token: string;
}

export interface IdentityFlowContext extends IdentityFlowInput {
  verified?: VerifiedLogin[];
  identity?: ResolvedIdentity;
  role?: ChosenRole;
  credentials?: IssuedCredentials;
  openIdToken?: string;
  webIdentityCredentials?: WebIdentityCredentials;
  failure?: Failure;
}

export interface IdentityFlowOutput {
  outcome: 'success' | 'failure';
  reason?: string;
  identityId?: string;
  credentials?: IssuedCredentials;
  openIdToken?: string;
  webIdentityCredentials?: WebIdentityCredentials;
  failure?: Failure;
}

/** What every step is given: which flow, and the call as sent. */
export interface IdentityStep {
  flowId: string;
  context: IdentityFlowInput;
}

export interface ResolveInput extends IdentityStep {
  verified: VerifiedLogin[];
}

export interface RoleInput extends IdentityStep {
  identity: ResolvedIdentity;
  verified: VerifiedLogin[];
}

export interface CredentialsInput extends IdentityStep {
  identity: ResolvedIdentity;
  role: ChosenRole;
}

export interface OpenIdTokenInput extends IdentityStep {
  identity: ResolvedIdentity;
  verified: VerifiedLogin[];
}

const step = (context: IdentityFlowContext, flowId: string): IdentityStep => ({ flowId, context: inputOf(context) });

function inputOf(context: IdentityFlowContext): IdentityFlowInput {
  const { verified: _v, identity: _i, role: _r, credentials: _c, openIdToken: _o, webIdentityCredentials: _w, failure: _f, ...input } = context;
  return input;
}

export const identityMachine = setup({
  types: {
    input: {} as IdentityFlowInput,
    context: {} as IdentityFlowContext,
    output: {} as IdentityFlowOutput,
  },
  actors: {
    /** Each login's token checked as Cognito checks it (the developer call: its other logins). */
    checkLogins: notProvided<VerifiedLogin[], IdentityStep>('checkLogins'),
    /** The identity the logins belong to: found, made, linked to a new login, or merged with another. */
    resolveIdentity: notProvided<ResolvedIdentity, ResolveInput>('resolveIdentity'),
    /** The role: the pool's default, a role mapping rule by rule, a token's roles. */
    chooseRole: notProvided<ChosenRole, RoleInput>('chooseRole'),
    issueCredentials: notProvided<IssuedCredentials, CredentialsInput>('issueCredentials'),
    signOpenIdToken: notProvided<string, OpenIdTokenInput>('signOpenIdToken'),
    /** STS: the web identity token checked, and credentials issued for the role the caller names. */
    checkWebIdentityToken: notProvided<ResolvedIdentity, IdentityStep>('checkWebIdentityToken'),
    assumeRole: notProvided<WebIdentityCredentials, CredentialsInput>('assumeRole'),
  },
  guards: {
    isRefusal: ({ event }) => refusalOf(event) !== undefined,
    isWebIdentity: ({ context }) => context.call === 'AssumeRoleWithWebIdentity',
    wantsIdOnly: ({ context }) => context.call === 'GetId',
    wantsCredentials: ({ context }) => context.call === 'GetCredentialsForIdentity',
  },
  actions: {
    refuse: assign({ failure: ({ event }) => failureOf(refusalOf(event)!) }),
  },
}).createMachine({
  id: 'identity',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: IdentityFlowOutput }).output,
  initial: 'received',
  states: {
    received: {
      always: [{ guard: 'isWebIdentity', target: 'checkingWebIdentityToken' }, { target: 'checkingLogins' }],
    },
    checkingLogins: {
      invoke: {
        src: 'checkLogins',
        input: ({ self, context }) => step(context, self.id),
        onDone: { target: 'resolvingIdentity', actions: assign({ verified: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    resolvingIdentity: {
      invoke: {
        src: 'resolveIdentity',
        input: ({ self, context }) => ({ ...step(context, self.id), verified: context.verified! }),
        onDone: [
          { guard: 'wantsIdOnly', target: 'identified', actions: assign({ identity: ({ event }) => event.output }) },
          { guard: 'wantsCredentials', target: 'choosingRole', actions: assign({ identity: ({ event }) => event.output }) },
          { target: 'signingOpenIdToken', actions: assign({ identity: ({ event }) => event.output }) },
        ],
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    choosingRole: {
      invoke: {
        src: 'chooseRole',
        input: ({ self, context }) => ({ ...step(context, self.id), identity: context.identity!, verified: context.verified! }),
        onDone: { target: 'issuingCredentials', actions: assign({ role: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    issuingCredentials: {
      invoke: {
        src: 'issueCredentials',
        input: ({ self, context }) => ({ ...step(context, self.id), identity: context.identity!, role: context.role! }),
        onDone: { target: 'credentialsIssued', actions: assign({ credentials: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    signingOpenIdToken: {
      invoke: {
        src: 'signOpenIdToken',
        input: ({ self, context }) => ({ ...step(context, self.id), identity: context.identity!, verified: context.verified! }),
        onDone: { target: 'openIdTokenIssued', actions: assign({ openIdToken: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    checkingWebIdentityToken: {
      invoke: {
        src: 'checkWebIdentityToken',
        input: ({ self, context }) => step(context, self.id),
        onDone: { target: 'assumingRole', actions: assign({ identity: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    assumingRole: {
      invoke: {
        src: 'assumeRole',
        input: ({ self, context }) => ({
          ...step(context, self.id),
          identity: context.identity!,
          role: { roleArn: context.webIdentity!.roleArn, principalTags: {} },
        }),
        onDone: { target: 'roleAssumed', actions: assign({ webIdentityCredentials: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    identified: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', identityId: context.identity!.identityId }),
    },
    credentialsIssued: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', identityId: context.identity!.identityId, credentials: context.credentials! }),
    },
    openIdTokenIssued: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', identityId: context.identity!.identityId, openIdToken: context.openIdToken! }),
    },
    roleAssumed: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', identityId: context.identity!.identityId, webIdentityCredentials: context.webIdentityCredentials! }),
    },
    refused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: context.failure!.reason, failure: context.failure! }),
    },
  },
});
