/**
 * ListWebAuthnCredentials: the signed-in user's passkeys, oldest first; `MaxResults` 0 or absent
 * means the largest page, 20. A NextToken belongs to the user it was given to.
 */
import type { ListWebAuthnCredentialsCommandInput, ListWebAuthnCredentialsCommandOutput, WebAuthnCredentialDescription } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredWebAuthnCredential } from '../../../../store/repositories/webauthn-credentials.js';
import type { Wire } from '../../operation.js';
import { signedInUser } from '../../access-token.js';
import { PaginationKey, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { integer, required, structure } from '../../shapes.js';
import { wireDate } from '../common.js';
import { page } from '../paging.js';

const MAX_PAGE_SIZE = 20;

function describeCredential(credential: StoredWebAuthnCredential): Wire<WebAuthnCredentialDescription> {
  return {
    CredentialId: credential.credentialId,
    FriendlyCredentialName: credential.friendlyName,
    RelyingPartyId: credential.relyingPartyId,
    ...(credential.authenticatorAttachment && { AuthenticatorAttachment: credential.authenticatorAttachment }),
    AuthenticatorTransports: [...credential.transports],
    CreatedAt: wireDate(credential.created),
  };
}

/** A page's last credential as one keyset key: creation time, then id (ids are base64url, without spaces). */
const keyOf = (credential: StoredWebAuthnCredential) => `${credential.created} ${credential.credentialId}`;

function cursorOf(key: string) {
  if (key === '') return undefined;
  const space = key.indexOf(' ');
  return { created: Number(key.slice(0, space)), credentialId: key.slice(space + 1) };
}

export const ListWebAuthnCredentials = operation<ListWebAuthnCredentialsCommandInput, ListWebAuthnCredentialsCommandOutput, Pick<Services, 'tokens' | 'store'>>(
  (services) => ({
    input: structure({
      AccessToken: required(TokenModelType),
      NextToken: PaginationKey,
      MaxResults: integer({ min: 0, max: MAX_PAGE_SIZE }),
    }),
    async handle(input) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      const { items, nextToken } = page(
        `ListWebAuthnCredentials:${pool.id}:${user.sub}`,
        input.MaxResults || MAX_PAGE_SIZE,
        input.NextToken,
        (limit, after) => services.store.webAuthnCredentials.listOf(pool.id, user.sub, limit, cursorOf(after)),
        keyOf,
      );
      return { Credentials: items.map(describeCredential), ...(nextToken && { NextToken: nextToken }) };
    },
  }),
);
