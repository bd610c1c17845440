/**
 * SignUp: an UNCONFIRMED user registered through an app client, in a new sign-up flow. When the
 * pool auto-verifies the email or phone number the user gave, a confirmation code (or, for
 * email with CONFIRM_WITH_LINK, a `/confirmUser` link) goes to the outbox and
 * CodeDeliveryDetails say where; otherwise no code is sent and an administrator confirms the user.
 *
 * Triggers: PreSignUp_SignUp (ValidationData and ClientMetadata) runs before the user is
 * written and may confirm it at once (UserConfirmed true, no code sent) and verify its email /
 * phone number; then PostConfirmation_ConfirmSignUp runs too. CustomMessage_SignUp (or the
 * custom senders) shapes the code's message.
 *
 * Limitations: passwordless sign-up (no Password) is not supported: a missing password fails the
 * password policy; no Session is returned for USER_AUTH sign-in.
 */
import type { AttributeType, SignUpCommandInput, SignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../../../cognito/password-policy.js';
import { checkSecretHash } from '../../../../cognito/secret-hash.js';
import type { Services } from '../../../../services.js';
import type { AppClient } from '../../../../cognito/app-clients.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { NotAuthorizedException } from '../../../../cognito/errors.js';
import {
  AnalyticsMetadataType,
  AttributeListType,
  ClientIdType,
  ClientMetadataType,
  PasswordType,
  SecretHashType,
  UserContextDataType,
  UsernameType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { passwordPolicyOf } from '../../../../cognito/pool-config.js';
import { checkNewUserAttributes } from '../../../../cognito/attributes.js';
import { checkClientMayWrite } from '../../../../cognito/client-writes.js';
import { newUsername } from '../../../../cognito/usernames.js';
import { requireAppClient } from '../../../../cognito/resources.js';
import { startSignUp } from './sign-up-flow.js';
import { usernameKeyOf } from '../../../../cognito/usernames.js';

function checkSelfSignUpAllowed(pool: UserPool): void {
  if (pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) throw new NotAuthorizedException('SignUp is not permitted for this user pool');
}

/** The new user, as SignUp's input describes it (checked against the pool and client). */
function newUser(pool: UserPool, client: AppClient, input: SignUpCommandInput, sub: string, now: number): StoredUser {
  const { username, attribute } = newUsername(pool, input.Username!, sub);
  const given: AttributeType[] = input.UserAttributes ?? [];
  const attributes = checkNewUserAttributes(pool, [...given, ...(attribute ? [attribute] : [])], { writer: 'client', requireRequired: true });
  checkClientMayWrite(pool, client, given.map((a) => a.Name!));
  return {
    poolId: pool.id,
    username,
    usernameKey: usernameKeyOf(pool, username),
    sub,
    status: 'UNCONFIRMED',
    enabled: true,
    created: now,
    modified: now,
    attributes: [{ Name: 'sub', Value: sub }, ...attributes],
    extra: {},
  };
}

export const SignUp = operation<SignUpCommandInput, SignUpCommandOutput, Pick<Services, 'store' | 'clock' | 'ids' | 'bus' | 'flows' | 'options' | 'triggers'>>(
  (services) => ({
    input: structure({
      ClientId: required(ClientIdType),
      SecretHash: SecretHashType,
      Username: required(UsernameType),
      Password: PasswordType,
      UserAttributes: AttributeListType,
      ValidationData: AttributeListType,
      AnalyticsMetadata: AnalyticsMetadataType,
      UserContextData: UserContextDataType,
      ClientMetadata: ClientMetadataType,
    }),
    async handle(input, context) {
      const { client, pool } = requireAppClient(services.store, input.ClientId!);
      checkSecretHash(client, input.Username!, input.SecretHash, 'SecretHash');
      checkSelfSignUpAllowed(pool);
      const user = newUser(pool, client, input, services.ids.uuid(), services.clock.now());
      checkPasswordPolicy(input.Password ?? '', passwordPolicyOf(pool));
      const answer = await startSignUp(services, {
        pool,
        client,
        user,
        caller: callerOf(context, client.clientId),
        password: input.Password!,
        link: { origin: context.origin, clientId: client.clientId },
        ...(input.ValidationData && { validationData: input.ValidationData }),
        ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
      }, context);
      return { UserConfirmed: answer.userConfirmed === true, UserSub: user.sub, ...(answer.delivery && { CodeDeliveryDetails: answer.delivery }) };
    },
  }),
);
