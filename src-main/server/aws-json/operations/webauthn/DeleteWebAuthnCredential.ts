/**
 * DeleteWebAuthnCredential: the signed-in user deletes one of their passkeys. A credential id that
 * is not theirs (unknown, or another user's) is a ResourceNotFoundException, so nobody learns
 * whose a passkey is.
 */
import type { DeleteWebAuthnCredentialCommandInput, DeleteWebAuthnCredentialCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { ResourceNotFoundException } from '../../../../cognito/errors.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, string, structure } from '../../shapes.js';

export const DeleteWebAuthnCredential = operation<DeleteWebAuthnCredentialCommandInput, DeleteWebAuthnCredentialCommandOutput, Pick<Services, 'tokens' | 'store'>>(
  (services) => ({
    input: structure({ AccessToken: required(TokenModelType), CredentialId: required(string()) }),
    async handle(input) {
      const { pool, user } = await signedInUser(services, input.AccessToken!);
      if (!services.store.webAuthnCredentials.delete(pool.id, user.sub, input.CredentialId!)) {
        throw new ResourceNotFoundException('Credential not found.');
      }
      return {};
    },
  }),
);
