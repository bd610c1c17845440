/**
 * ConfirmSignUp: the code SignUp (or ResendConfirmationCode) sent confirms an UNCONFIRMED user
 * and verifies the email or phone number it went to; with ForceAliasCreation, a verified alias
 * moves from the user holding it. Codes are single use and live 24 hours; 15 attempts per user
 * and hour.
 *
 * Triggers: PostConfirmation_ConfirmSignUp, with ClientMetadata, once the user is confirmed (its
 * failure is the call's error; the user stays confirmed).
 *
 * Limitation: no Session is returned for USER_AUTH sign-in.
 */
import type { ConfirmSignUpCommandInput, ConfirmSignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { CodeMismatchException, ExpiredCodeException, NotAuthorizedException } from '../../../../cognito/errors.js';
import {
  AnalyticsMetadataType,
  BooleanType,
  ClientIdType,
  ClientMetadataType,
  ConfirmationCodeType,
  SecretHashType,
  SessionType,
  UserContextDataType,
  UsernameType,
} from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { disabledUser, findNamedUser, hidesUserExistence, unknownUser } from '../../../../cognito/client-request.js';
import { requireAppClient, type ClientAndPool } from '../../../../cognito/resources.js';
import { selfServiceState, withAttempt } from '../../../../cognito/pending-codes.js';
import { confirmSignUp } from './sign-up-flow.js';

/** The user to confirm: one who exists, is enabled and awaits confirmation. */
function checkConfirmable({ client }: ClientAndPool, user: StoredUser | undefined): StoredUser {
  if (!user) throw hidesUserExistence(client) ? new CodeMismatchException() : unknownUser();
  if (!user.enabled) throw disabledUser();
  if (user.status !== 'UNCONFIRMED') throw new NotAuthorizedException(`User cannot be confirmed. Current status is ${user.status}`);
  return user;
}

export const ConfirmSignUp = operation<ConfirmSignUpCommandInput, ConfirmSignUpCommandOutput, Pick<Services, 'store' | 'clock' | 'bus' | 'flows' | 'options' | 'triggers' | 'ids'>>(
  (services) => ({
    input: structure({
      ClientId: required(ClientIdType),
      SecretHash: SecretHashType,
      Username: required(UsernameType),
      ConfirmationCode: required(ConfirmationCodeType),
      ForceAliasCreation: BooleanType,
      AnalyticsMetadata: AnalyticsMetadataType,
      UserContextData: UserContextDataType,
      ClientMetadata: ClientMetadataType,
      Session: SessionType,
    }),
    async handle(input, context) {
      const { store, clock } = services;
      const call = requireAppClient(store, input.ClientId!);
      const user = checkConfirmable(call, findNamedUser(store, call, input.Username!, input.SecretHash));
      const counted = withAttempt(user, 'ConfirmSignUp', clock.now());
      store.users.save(counted);
      if (!selfServiceState(counted).confirmationCode) throw new ExpiredCodeException();
      await confirmSignUp(
        services,
        {
          ...call,
          user: counted,
          caller: callerOf(context, call.client.clientId),
          code: input.ConfirmationCode!,
          forceAliasCreation: input.ForceAliasCreation === true,
          ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
        },
        context,
      );
      return {};
    },
  }),
);
