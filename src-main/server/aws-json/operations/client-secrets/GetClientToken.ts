/**
 * GetClientToken: a machine-to-machine access token for an app client that proves itself with
 * one of its secrets, the same token as the token endpoint's client_credentials grant and through
 * the same flow (flows/client-credentials/: the debugger shows it, the pool's V3_0 pre token
 * generation function customizes it with ClientMetadata). The client needs ALLOW_CLIENT_TOKEN_AUTH
 * and no OAuth settings; Scopes are custom scopes of the client's AllowedOAuthScopes, all of them
 * when none is asked. Unsigned, as Cognito takes it (no IAM).
 *
 * Refusals: an unknown client ResourceNotFoundException; a wrong secret, or a client without one,
 * NotAuthorizedException; a client without ALLOW_CLIENT_TOKEN_AUTH or a scope it may not have
 * InvalidParameterException (../../../../cognito/client-credentials.ts); a trigger's failure as
 * the trigger fails. Assumption: the docs name these exceptions, not which case each answers nor
 * their wording, which is the sandbox's.
 */
import type { GetClientTokenCommandInput, GetClientTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { matchesClientSecret } from '../../../../cognito/client-secrets.js';
import { NotAuthorizedException } from '../../../../cognito/errors.js';
import { requireAppClient } from '../../../../cognito/resources.js';
import { ClientIdType, ClientMetadataType, ScopeType } from '../../model.js';
import { operation } from '../../operation.js';
import { list, required, string, structure } from '../../shapes.js';

const SecretType = string({ min: 1, max: 64, pattern: '[\\w+]+', sensitive: true });

export const GetClientToken = operation<GetClientTokenCommandInput, GetClientTokenCommandOutput, Pick<Services, 'store' | 'flows'>>(
  ({ store, flows }) => ({
    input: structure({
      ClientId: required(ClientIdType),
      Secret: required(SecretType),
      Scopes: list(ScopeType, { max: 50 }),
      ClientMetadata: ClientMetadataType,
    }),
    async handle(input, context) {
      const { pool, client } = requireAppClient(store, input.ClientId!);
      if (!matchesClientSecret(client, input.Secret)) throw new NotAuthorizedException(`Unable to verify secret for client ${client.clientId}`);
      const scope = input.Scopes?.length ? input.Scopes.join(' ') : undefined;
      const token = await flows.clientCredentials.clientToken(
        { pool, client, ...(scope !== undefined && { scope }), ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }) },
        context,
      );
      return { ClientAuthenticationResult: { AccessToken: token.access_token, ExpiresIn: token.expires_in, TokenType: token.token_type } };
    },
  }),
);
