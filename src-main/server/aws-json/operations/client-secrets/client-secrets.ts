/**
 * What the client-secret operations share: the input shapes the API reference constrains, and a
 * stored secret as ClientSecretDescriptorType.
 */
import type { ClientSecretDescriptorType } from '@aws-sdk/client-cognito-identity-provider';
import type { StoredClientSecret } from '../../../../store/repositories/app-clients.js';
import type { Wire } from '../../operation.js';
import { string } from '../../shapes.js';
import { wireDate } from '../common.js';

/** AddUserPoolClientSecret's ClientSecret: a secret of the caller's choosing. */
export const ChosenClientSecretType = string({ min: 24, max: 64, pattern: '[\\w+]+', sensitive: true });

/** DeleteUserPoolClientSecret's ClientSecretId. */
export const ClientSecretIdType = string({ min: 1, max: 128 });

/** The secret's id and date; its value only when `reveal` (a secret Cognito has just generated). */
export function toClientSecretDescriptor(secret: StoredClientSecret, reveal = false): Wire<ClientSecretDescriptorType> {
  return {
    ClientSecretId: secret.secretId,
    ...(reveal && { ClientSecretValue: secret.value }),
    ClientSecretCreateDate: wireDate(secret.created),
  };
}
