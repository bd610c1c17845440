/**
 * GetCredentialsForIdentity (the enhanced flow): temporary AWS credentials for an identity, for
 * the role its pool chooses (the default authenticated or unauthenticated role, a role mapping's
 * rule, the token's cognito:preferred_role, or CustomRoleArn). Runs the identity flow, which shows
 * every rule of the role mapping evaluated.
 *
 * Limitations: no IAM: the credentials are well-formed and traceable to the identity and role
 * (STS GetCallerIdentity answers for them) but grant nothing anywhere; the scope-down policy of
 * unauthenticated credentials is not applied.
 */
import type { GetCredentialsForIdentityCommandInput, GetCredentialsForIdentityCommandOutput } from '@aws-sdk/client-cognito-identity';
import { ARNStringType, IdentityIdType, LoginsMapType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import type { Services } from '../../../../services.js';
import { wireCredentials } from './wire-credentials.js';

export const GetCredentialsForIdentity = operation<
  GetCredentialsForIdentityCommandInput,
  GetCredentialsForIdentityCommandOutput,
  Pick<Services, 'flows'>
>(({ flows }) => ({
  input: structure({
    IdentityId: required(IdentityIdType),
    Logins: LoginsMapType,
    CustomRoleArn: ARNStringType,
  }),
  async handle(input, context) {
    const answer = await flows.identity.getCredentialsForIdentity(
      {
        identityId: input.IdentityId!,
        ...(input.Logins && { logins: input.Logins }),
        ...(input.CustomRoleArn && { customRoleArn: input.CustomRoleArn }),
      },
      context,
    );
    return { IdentityId: answer.IdentityId, Credentials: wireCredentials(answer.Credentials) };
  },
}));
