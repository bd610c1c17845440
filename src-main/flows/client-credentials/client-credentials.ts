/**
 * The client_credentials grant in one call: `grant` runs the flow for an app client the token
 * endpoint has authenticated and answers the token response, or throws the OAuth error Cognito
 * answers; `clientToken` runs the same flow for GetClientToken and throws Cognito exceptions.
 */
import type { AppClient } from '../../cognito/app-clients.js';
import { CognitoError, InvalidParameterException, NotAuthorizedException } from '../../cognito/errors.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { customizesMachineTokens } from '../../tokens/machine-tokens.js';
import { awsSdkVersionOf } from '../../triggers/events/common.js';
import type { StringMap } from '../../triggers/types.js';
import type { FlowCall } from '../call.js';
import type { FlowRunner } from '../runner.js';
import { clientCredentialsActors, type ClientCredentialsServices } from './actors.js';
import {
  clientCredentialsMachine,
  type ClientCredentialsFlowInput,
  type ClientCredentialsFlowOutput,
  type GrantFailure,
  type MachineTokenDoor,
  type MachineTokenResponse,
} from './machine.js';

export interface ClientCredentialsRequest {
  pool: UserPool;
  /** Authenticated by the token endpoint. */
  client: AppClient;
  /** The `scope` parameter as sent (space-separated). */
  scope?: string;
  /** The `aws_client_metadata` parameter, read. */
  clientMetadata?: StringMap;
}

export interface ClientCredentialsFlow {
  grant(request: ClientCredentialsRequest, call: FlowCall): Promise<MachineTokenResponse>;
  /** GetClientToken: `client` authenticated by its secret, `scope` the Scopes asked, space-separated. */
  clientToken(request: ClientCredentialsRequest, call: FlowCall): Promise<MachineTokenResponse>;
}

/**
 * A failure as GetClientToken answers it: the Cognito exception a step threw, else the OAuth
 * refusal as the exception of its kind (a client that may not authenticate: NotAuthorizedException;
 * a scope: InvalidParameterException), with the reason as its message.
 */
function clientTokenError(failure: GrantFailure): CognitoError {
  if (failure.refusal) return new CognitoError(failure.refusal.type, failure.refusal.message, failure.refusal.status);
  const prefix = `${failure.error}: `;
  const reason = failure.reason.startsWith(prefix) ? failure.reason.slice(prefix.length) : failure.reason;
  return failure.error === 'invalid_client' ? new NotAuthorizedException(reason) : new InvalidParameterException(reason);
}

export function createClientCredentials(services: ClientCredentialsServices & { runner: FlowRunner }): ClientCredentialsFlow {
  const machine = clientCredentialsMachine.provide({ actors: clientCredentialsActors(services) });

  async function run(request: ClientCredentialsRequest, door: MachineTokenDoor, call: FlowCall): Promise<ClientCredentialsFlowOutput> {
    const { pool, client } = request;
    const meta = { kind: 'client-credentials', poolId: pool.id, clientId: client.clientId, username: null, sessionMinutes: client.config.AuthSessionValidity };
    const input: ClientCredentialsFlowInput = {
      door,
      poolId: pool.id,
      clientId: client.clientId,
      ...(request.scope !== undefined && { scope: request.scope }),
      ...(request.clientMetadata && { clientMetadata: request.clientMetadata }),
      awsSdkVersion: awsSdkVersionOf(call.userAgent),
      origin: call.origin,
      preTokenGeneration: customizesMachineTokens(services.triggers, pool),
    };
    const step = await services.runner.start(machine, meta, input);
    call.flowId = step.flowId;
    return step.output as ClientCredentialsFlowOutput;
  }

  return {
    async grant(request, call) {
      const output = await run(request, 'token-endpoint', call);
      if (output.failure) throw new OAuthError(output.failure.error, output.failure.description, output.failure.status);
      return output.token!;
    },

    async clientToken(request, call) {
      const output = await run(request, 'GetClientToken', call);
      if (output.failure) throw clientTokenError(output.failure);
      return output.token!;
    },
  };
}
