/**
 * The hosted login's federation steps: the request to the identity provider (OIDC and social
 * providers: oauth-login.ts; SAML: saml-login.ts), the provider's answer checked, and the identity
 * made a user of the pool (federated-users.ts) who is issued tokens after pre token generation
 * (TokenGeneration_HostedAuth), as a password sign-in on the hosted UI is.
 *
 * Every refusal on the way becomes what the app is sent at its redirect URI: the provider's answer
 * refused keeps its OAuth error (FederationError); a refusal of the user (a PreSignUp function's
 * error, a required attribute missing, a disabled user) is `invalid_request` with Cognito's message
 * as `error_description`, as Cognito redirects it.
 */
import { fromPromise } from 'xstate';
import { findAppClient, type AppClient } from '../../cognito/app-clients.js';
import { CognitoError } from '../../cognito/errors.js';
import { signInFederatedUser, type FederatedUserServices } from '../../cognito/federation/federated-users.js';
import { IdpUnreachable } from '../../cognito/federation/idp-fetch.js';
import { finishOAuthLogin, startOAuthLogin, type OAuthLoginServices } from '../../cognito/federation/oauth-login.js';
import { finishSamlLogin, startSamlLogin, type SamlLoginServices } from '../../cognito/federation/saml-login.js';
import { FederationError, type FederationCall, type IdpIdentity, type IdpRedirect, type IdpResponse, type PendingIdpRequest } from '../../cognito/federation/types.js';
import { requirePool } from '../../cognito/resources.js';
import { awsSdkVersionOf } from '../../triggers/events/common.js';
import { isRefusal } from '../failure.js';
import { issueHostedTokens, type HostedLoginServices } from './actors.js';
import type { FederationStepInput, SignInStep } from './machine.js';

export type FederationActorServices = HostedLoginServices & OAuthLoginServices & SamlLoginServices & FederatedUserServices;

/** A refusal as the machine keeps it: its `type` is the OAuth error the app is sent, its message the description. */
function asRedirectError(error: unknown): never {
  if (error instanceof FederationError) throw new CognitoError(error.error, error.description);
  if (error instanceof IdpUnreachable) throw new CognitoError('invalid_request', error.message);
  if (isRefusal(error)) throw new CognitoError('invalid_request', error.message);
  throw error;
}

async function refusingAsRedirect<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    asRedirectError(error);
  }
}

export function federationActors(services: FederationActorServices) {
  const { store } = services;

  /** The login's pool, client and provider; a provider the client does not offer is refused. */
  function federationCall(input: FederationStepInput): FederationCall & { client: AppClient } {
    const pool = requirePool(store, input.poolId);
    const client = findAppClient(store, input.clientId);
    if (!client) throw new FederationError('invalid_request', `App client ${input.clientId} no longer exists.`);
    const provider = store.identityProviders.find(pool.id, input.provider);
    if (!provider || !client.config.SupportedIdentityProviders.includes(provider.name)) {
      throw new FederationError('unauthorized_client', `The client does not support the identity provider ${input.provider}.`);
    }
    return { pool, client, provider, origin: input.call.origin, flowId: input.flowId };
  }

  return {
    redirectToIdp: fromPromise<IdpRedirect, FederationStepInput & { state: string }>(({ input }) =>
      refusingAsRedirect(async () => {
        const call = federationCall(input);
        return call.provider.type === 'SAML' ? startSamlLogin(services, call, input.state) : startOAuthLogin(services, call, input.state);
      }),
    ),

    exchangeIdpResponse: fromPromise<IdpIdentity, FederationStepInput & { pending?: PendingIdpRequest; response: IdpResponse }>(({ input }) =>
      refusingAsRedirect(async () => {
        const call = federationCall(input);
        const { response, pending } = input;
        if ((call.provider.type === 'SAML') !== (response.protocol === 'saml')) {
          throw new FederationError('invalid_request', `The answer does not come from a ${call.provider.type} identity provider.`);
        }
        if (response.protocol === 'saml') return finishSamlLogin(services, call, pending, response.samlResponse);
        if (!pending) throw new FederationError('invalid_request', 'No request was sent to this identity provider.');
        return finishOAuthLogin(services, call, pending, response);
      }),
    ),

    signInFederated: fromPromise<SignInStep, FederationStepInput & { identity: IdpIdentity }>(({ input }) =>
      refusingAsRedirect(async () => {
        const { pool, client, provider, origin, flowId } = federationCall(input);
        const user = await signInFederatedUser(services, {
          pool,
          client,
          provider,
          identity: input.identity,
          flowId,
          origin,
          awsSdkVersion: awsSdkVersionOf(input.call.userAgent),
        });
        return issueHostedTokens(services, input, pool, user, true);
      }),
    ),
  };
}
