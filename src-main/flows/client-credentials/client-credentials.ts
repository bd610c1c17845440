/**
 * The client_credentials grant as the token endpoint runs it, in one call: `grant` runs the flow
 * for an authenticated app client and answers the token response, or throws the OAuth error
 * Cognito answers.
 */
import type { AppClient } from '../../cognito/app-clients.js';
import { OAuthError } from '../../cognito/oauth-errors.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import { customizesMachineTokens } from '../../tokens/machine-tokens.js';
import { awsSdkVersionOf } from '../../triggers/events/common.js';
import type { StringMap } from '../../triggers/types.js';
import type { FlowCall } from '../call.js';
import type { FlowRunner } from '../runner.js';
import { clientCredentialsActors, type ClientCredentialsServices } from './actors.js';
import { clientCredentialsMachine, type ClientCredentialsFlowInput, type ClientCredentialsFlowOutput, type MachineTokenResponse } from './machine.js';

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
}

export function createClientCredentials(services: ClientCredentialsServices & { runner: FlowRunner }): ClientCredentialsFlow {
  const machine = clientCredentialsMachine.provide({ actors: clientCredentialsActors(services) });

  return {
    async grant(request, call) {
      const { pool, client } = request;
      const meta = { kind: 'client-credentials', poolId: pool.id, clientId: client.clientId, username: null, sessionMinutes: client.config.AuthSessionValidity };
      const input: ClientCredentialsFlowInput = {
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
      const output = step.output as ClientCredentialsFlowOutput;
      if (output.failure) throw new OAuthError(output.failure.error, output.failure.description, output.failure.status);
      return output.token!;
    },
  };
}
