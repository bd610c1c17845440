/**
 * GetUserAuthFactors: the signed-in user's MFA settings and the factors they can sign in with by
 * USER_AUTH (ConfiguredUserAuthFactors, see cognito/first-factors.ts).
 */
import type { GetUserAuthFactorsCommandInput, GetUserAuthFactorsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { configuredUserAuthFactors } from '../../../../cognito/first-factors.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { mfaSettingsOf } from '../../wire/user-type.js';

export const GetUserAuthFactors = operation<GetUserAuthFactorsCommandInput, GetUserAuthFactorsCommandOutput, Pick<Services, 'tokens' | 'store'>>((services) => ({
  input: structure({ AccessToken: required(TokenModelType) }),
  async handle(input) {
    const { pool, user } = await signedInUser(services, input.AccessToken!);
    return { Username: user.username, ...mfaSettingsOf(user), ConfiguredUserAuthFactors: configuredUserAuthFactors(services.store, pool, user) };
  },
}));
