/**
 * Limitations: ALLOW_USER_AUTH is accepted whatever the pool's feature tier; the per-pool quota of
 * app clients is not enforced; the wording for a redirect URL that is not an absolute URL and
 * for a ClientSecret sent with GenerateSecret is the sandbox's own.
 */
import type { CreateUserPoolClientCommandInput, CreateUserPoolClientCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { ClientNameType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { boolean, required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { ClientSecretType, clientSettingsMembers } from './client-shapes.js';
import { clientSettings } from './client-settings.js';
import { toUserPoolClientType } from './client-type.js';

/** The secret the client gets: generated, chosen by the caller, or none for a public client. */
function chooseSecret(input: CreateUserPoolClientCommandInput, generate: () => string): string | undefined {
  if (input.GenerateSecret && input.ClientSecret != null) {
    throw new InvalidParameterException('ClientSecret cannot be specified when GenerateSecret is true.');
  }
  return input.GenerateSecret ? generate() : (input.ClientSecret ?? undefined);
}

export const CreateUserPoolClient = operation<
  CreateUserPoolClientCommandInput,
  CreateUserPoolClientCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids'>
>(({ store, clock, ids }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientName: required(ClientNameType),
    GenerateSecret: boolean(),
    ClientSecret: ClientSecretType,
    ...clientSettingsMembers,
  }),
  handle(input) {
    const pool = requirePool(store, input.UserPoolId!);
    const secret = chooseSecret(input, () => ids.clientSecret());
    const settings = clientSettings(input, {
      pool,
      hasSecret: secret !== undefined,
      action: 'creating',
      scopeNames: () => store.resourceServers.scopeNames(pool.id),
      providerNames: () => store.identityProviders.providerNames(pool.id),
    });
    const now = clock.now();
    const client = {
      clientId: ids.clientId(),
      poolId: pool.id,
      name: input.ClientName!,
      ...(secret !== undefined && { secret }),
      created: now,
      modified: now,
      settings,
    };
    store.clients.insert(client);
    return { UserPoolClient: toUserPoolClientType(client) };
  },
}));
