/**
 * DeleteUser: the signed-in user deletes their own profile. Their refresh tokens go with it, so
 * nothing they hold signs them back in.
 */
import type { DeleteUserCommandInput, DeleteUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';

export const DeleteUser = operation<DeleteUserCommandInput, DeleteUserCommandOutput, Pick<Services, 'tokens' | 'store'>>((services) => ({
  input: structure({ AccessToken: required(TokenModelType) }),
  async handle(input) {
    const { pool, user } = await signedInUser(services, input.AccessToken!);
    services.store.transaction(() => {
      services.tokens.signOutEverywhere(pool.id, user.sub);
      services.store.users.delete(pool.id, user.usernameKey);
    });
    return {};
  },
}));
