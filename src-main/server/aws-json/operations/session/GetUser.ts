/**
 * GetUser: the signed-in user's profile as the token's app client may read it (its
 * ReadAttributes; `sub` always), with the MFA settings Cognito reports.
 */
import type { GetUserCommandInput, GetUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { AppClient } from '../../../../cognito/app-clients.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser, UserAttribute } from '../../../../store/repositories/users.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { readableAttributes } from '../../../../cognito/attribute-permissions.js';
import { mfaOptionsOf, mfaSettingsOf } from '../../wire/user-type.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';

function attributesReadBy(client: AppClient, pool: UserPool, user: StoredUser): UserAttribute[] {
  const readable = readableAttributes(client, pool);
  return user.attributes.filter((a) => a.Name === 'sub' || readable.has(a.Name)).map((a) => ({ ...a }));
}

export const GetUser = operation<GetUserCommandInput, GetUserCommandOutput, Pick<Services, 'tokens' | 'store'>>((services) => ({
  input: structure({ AccessToken: required(TokenModelType) }),
  async handle(input) {
    const { pool, user, client } = await signedInUser(services, input.AccessToken!);
    const mfaOptions = mfaOptionsOf(user);
    return {
      Username: user.username,
      UserAttributes: attributesReadBy(client, pool, user),
      ...(mfaOptions && { MFAOptions: mfaOptions }),
      ...mfaSettingsOf(user),
    };
  },
}));
