/**
 * Gives a confidential app client one more secret, generated or of the caller's choosing; both
 * are accepted wherever the client authenticates until one is deleted. The answer carries the
 * value only when Cognito generated it. Refusals: ../../../../cognito/client-secrets.ts.
 */
import type { AddUserPoolClientSecretCommandInput, AddUserPoolClientSecretCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { newClientSecret } from '../../../../cognito/client-secrets.js';
import { requireClientOfPool } from '../../../../cognito/resources.js';
import { ClientIdType, UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { ChosenClientSecretType, toClientSecretDescriptor } from './client-secrets.js';

export const AddUserPoolClientSecret = operation<
  AddUserPoolClientSecretCommandInput,
  AddUserPoolClientSecretCommandOutput,
  Pick<Services, 'store' | 'clock' | 'ids'>
>(({ store, clock, ids }) => ({
  input: structure({
    UserPoolId: required(UserPoolIdType),
    ClientId: required(ClientIdType),
    ClientSecret: ChosenClientSecretType,
  }),
  handle(input) {
    const { client } = requireClientOfPool(store, input.UserPoolId!, input.ClientId!);
    const chosen = input.ClientSecret ?? undefined;
    const secret = newClientSecret(client, chosen, clock.now(), () => ids.clientSecret());
    store.clients.addSecret(client.clientId, secret);
    return { ClientSecretDescriptor: toClientSecretDescriptor(secret, chosen === undefined) };
  },
}));
