/**
 * The OAuth 2.0 client_credentials grant (machine-to-machine): the token endpoint has
 * authenticated the app client; the flow checks that the client may use the grant, settles the
 * token's custom scopes, lets the pool's V3_0 pre token generation function customize the token
 * (TokenGeneration_ClientCredentials), and issues the access token. It never waits for the
 * client: one call, one flow.
 *
 * Two doors run it: the token endpoint (grant_type=client_credentials: the client needs the
 * OAuth flow) and GetClientToken (the client needs ALLOW_CLIENT_TOKEN_AUTH); `door` says which,
 * and only the client check differs.
 *
 * A refusal is an OAuth error (../../cognito/client-credentials.ts) or, for GetClientToken's
 * client check, a Cognito exception; the pre token generation function's failure is answered at
 * the token endpoint as `invalid_request` with Cognito's message, as the hosted UI reports
 * trigger failures. Either is kept as the flow's failure, and the door answers with it.
 */
import { assign, setup } from 'xstate';
import { GrantRefusal } from '../../cognito/client-credentials.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { TokenCustomization } from '../../triggers/events/preTokenGeneration.js';
import type { StringMap } from '../../triggers/types.js';
import { isRefusal, notProvided, type FlowError } from '../failure.js';

/** Where the machine-to-machine token was asked for. */
export type MachineTokenDoor = 'token-endpoint' | 'GetClientToken';

export interface ClientCredentialsFlowInput {
  door: MachineTokenDoor;
  poolId: string;
  clientId: string;
  /** The request's `scope` parameter, as sent. */
  scope?: string;
  /** The request's aws_client_metadata, for the pre token generation function. */
  clientMetadata?: StringMap;
  awsSdkVersion?: string;
  /** `http://HOST:PORT` as the request reached the sandbox: the token's issuer. */
  origin: string;
  /** The pool's pre token generation function is V3_0, and so hears of machine tokens. */
  preTokenGeneration: boolean;
}

/** The OAuth error the client is answered, and why. */
export interface GrantFailure {
  reason: string;
  error: string;
  description?: string;
  status: number;
  /** The Cognito exception behind the failure, when a step threw one (GetClientToken answers it). */
  refusal?: FlowError;
}

export interface MachineTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface ClientCredentialsFlowContext extends ClientCredentialsFlowInput {
  scopes?: string[];
  customization?: TokenCustomization;
  token?: MachineTokenResponse;
  failure?: GrantFailure;
}

export interface ClientCredentialsFlowOutput {
  outcome: 'success' | 'failure';
  reason?: string;
  token?: MachineTokenResponse;
  failure?: GrantFailure;
}

/** What each step is given: whose grant, in which flow. */
export interface GrantStep {
  flowId: string;
  poolId: string;
  clientId: string;
}

export interface CheckClientInput extends GrantStep {
  door: MachineTokenDoor;
}

export interface ScopesInput extends GrantStep {
  scope?: string;
}

export interface CustomizeInput extends GrantStep {
  scopes: string[];
  clientMetadata?: StringMap;
  awsSdkVersion?: string;
}

export interface IssueInput extends GrantStep {
  scopes: string[];
  origin: string;
  customization?: TokenCustomization;
}

/** A step's refusal as the grant's failure; undefined for a fault. */
export function grantFailureOf(error: unknown): GrantFailure | undefined {
  if (error instanceof OAuthError) {
    const reason = error instanceof GrantRefusal ? `${error.error}: ${error.reason}` : error.message;
    return { reason, error: error.error, ...(error.description && { description: error.description }), status: error.status };
  }
  if (isRefusal(error)) {
    const refusal = { type: error.type, message: error.message, ...(typeof error.status === 'number' && { status: error.status }) };
    return { reason: `${error.type}: ${error.message}`, error: 'invalid_request', description: error.message, status: 400, refusal };
  }
  return undefined;
}

const failureOfEvent = (event: unknown) => grantFailureOf((event as { error?: unknown }).error);

const step = (context: ClientCredentialsFlowContext, flowId: string): GrantStep => ({ flowId, poolId: context.poolId, clientId: context.clientId });

export const clientCredentialsMachine = setup({
  types: {
    input: {} as ClientCredentialsFlowInput,
    context: {} as ClientCredentialsFlowContext,
    output: {} as ClientCredentialsFlowOutput,
  },
  actors: {
    /** The client may use the grant (a secret, and OAuth with client_credentials or ALLOW_CLIENT_TOKEN_AUTH, as the door needs). */
    checkClient: notProvided<void, CheckClientInput>('checkClient'),
    /** The custom scopes the token carries. */
    resolveScopes: notProvided<string[], ScopesInput>('resolveScopes'),
    /** Runs the pool's V3_0 pre token generation function: its answer. */
    preTokenGeneration: notProvided<TokenCustomization, CustomizeInput>('preTokenGeneration'),
    issueToken: notProvided<MachineTokenResponse, IssueInput>('issueToken'),
  },
  guards: {
    customizes: ({ context }) => context.preTokenGeneration,
    isRefusal: ({ event }) => failureOfEvent(event) !== undefined,
  },
  actions: {
    refuse: assign({ failure: ({ event }) => failureOfEvent(event) }),
  },
}).createMachine({
  id: 'client-credentials',
  context: ({ input }) => ({ ...input }),
  output: ({ event }) => (event as unknown as { output: ClientCredentialsFlowOutput }).output,
  initial: 'checkingClient',
  states: {
    checkingClient: {
      invoke: {
        src: 'checkClient',
        input: ({ self, context }) => ({ ...step(context, self.id), door: context.door }),
        onDone: { target: 'resolvingScopes' },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    resolvingScopes: {
      invoke: {
        src: 'resolveScopes',
        input: ({ self, context }) => ({ ...step(context, self.id), ...(context.scope !== undefined && { scope: context.scope }) }),
        onDone: [
          { guard: 'customizes', target: 'preTokenGeneration', actions: assign({ scopes: ({ event }) => event.output }) },
          { target: 'issuingToken', actions: assign({ scopes: ({ event }) => event.output }) },
        ],
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    preTokenGeneration: {
      invoke: {
        src: 'preTokenGeneration',
        input: ({ self, context }) => ({
          ...step(context, self.id),
          scopes: context.scopes!,
          ...(context.clientMetadata && { clientMetadata: context.clientMetadata }),
          ...(context.awsSdkVersion && { awsSdkVersion: context.awsSdkVersion }),
        }),
        onDone: { target: 'issuingToken', actions: assign({ customization: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    issuingToken: {
      invoke: {
        src: 'issueToken',
        input: ({ self, context }) => ({
          ...step(context, self.id),
          scopes: context.scopes!,
          origin: context.origin,
          ...(context.customization && { customization: context.customization }),
        }),
        onDone: { target: 'issued', actions: assign({ token: ({ event }) => event.output }) },
        onError: { guard: 'isRefusal', target: 'refused', actions: 'refuse' },
      },
    },
    issued: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'success', token: context.token! }),
    },
    refused: {
      type: 'final',
      output: ({ context }) => ({ outcome: 'failure', reason: context.failure!.reason, failure: context.failure! }),
    },
  },
});
