/**
 * GetUser: the signed-in user's profile as the token's app client may read it (its
 * ReadAttributes; `sub` always), with the MFA settings Cognito reports.
 */
import type { GetUserCommandInput, GetUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { AppClient } from '../../../../store/repositories/app-clients.js';
import type { StoredUser, UserAttribute } from '../../../../store/repositories/users.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { mfaOptionsOf } from '../users/user-type.js';
import { signedInUser } from './access-token.js';
import { TokenModelType } from './shapes.js';

function readableAttributes(user: StoredUser, client: AppClient): UserAttribute[] {
  const readable = new Set(client.config.ReadAttributes);
  return user.attributes.filter((a) => a.Name === 'sub' || readable.has(a.Name)).map((a) => ({ ...a }));
}

export const GetUser = operation<GetUserCommandInput, GetUserCommandOutput, Pick<Services, 'tokens' | 'store'>>((services) => ({
  input: structure({ AccessToken: required(TokenModelType) }),
  async handle(input) {
    const { user, client } = await signedInUser(services, input.AccessToken!);
    const mfaOptions = mfaOptionsOf(user);
    const mfaSettings = user.mfa?.enabled ?? [];
    return {
      Username: user.username,
      UserAttributes: readableAttributes(user, client),
      ...(mfaOptions && { MFAOptions: mfaOptions }),
      ...(user.mfa?.preferred && { PreferredMfaSetting: user.mfa.preferred }),
      ...(mfaSettings.length > 0 && { UserMFASettingList: [...mfaSettings] }),
    };
  },
}));
