/**
 * The client_credentials machine's effects, built once per sandbox: each reads the pool and the
 * app client as stored now (an administrator may have changed them since the door looked).
 */
import { fromPromise } from 'xstate';
import type { BaseServices } from '../../base-services.js';
import { findAppClient, type AppClient } from '../../cognito/app-clients.js';
import { checkClientTokenClient, checkMachineClient, GrantRefusal, grantedScopes } from '../../cognito/client-credentials.js';
import { requirePool } from '../../cognito/resources.js';
import { issueMachineAccessToken, runMachinePreTokenGeneration } from '../../tokens/machine-tokens.js';
import type { SigningKeys } from '../../tokens/keys.js';
import type { TokenCustomization } from '../../triggers/events/preTokenGeneration.js';
import type { Triggers } from '../../triggers/runtime.js';
import type { CheckClientInput, CustomizeInput, GrantStep, IssueInput, MachineTokenResponse, ScopesInput } from './machine.js';

export type ClientCredentialsServices = Pick<BaseServices, 'store' | 'clock' | 'ids' | 'bus' | 'options'> & { keys: SigningKeys; triggers: Triggers };

export function clientCredentialsActors(services: ClientCredentialsServices) {
  const { store } = services;

  /** The step's app client, still in its pool. */
  function clientOf(step: GrantStep): AppClient {
    const client = findAppClient(store, step.clientId);
    if (!client || client.poolId !== step.poolId) throw new GrantRefusal('invalid_client', `the app client ${step.clientId} does not exist`);
    return client;
  }

  return {
    checkClient: fromPromise<void, CheckClientInput>(async ({ input }) =>
      input.door === 'GetClientToken' ? checkClientTokenClient(clientOf(input)) : checkMachineClient(clientOf(input)),
    ),

    resolveScopes: fromPromise<string[], ScopesInput>(async ({ input }) =>
      grantedScopes(input.scope, clientOf(input), new Set(store.resourceServers.scopeNames(input.poolId))),
    ),

    preTokenGeneration: fromPromise<TokenCustomization, CustomizeInput>(({ input }) =>
      runMachinePreTokenGeneration(services, {
        pool: requirePool(store, input.poolId),
        clientId: input.clientId,
        scopes: input.scopes,
        awsSdkVersion: input.awsSdkVersion,
        clientMetadata: input.clientMetadata,
        flowId: input.flowId,
      }),
    ),

    issueToken: fromPromise<MachineTokenResponse, IssueInput>(async ({ input }) => {
      const token = await issueMachineAccessToken(services, {
        pool: { id: input.poolId },
        client: clientOf(input),
        scopes: input.scopes,
        origin: input.origin,
        customization: input.customization,
        flowId: input.flowId,
      });
      return { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn };
    }),
  };
}
