/**
 * ResendConfirmationCode: a new sign-up confirmation code for an UNCONFIRMED user (the previous
 * one no longer works), sent as SignUp sends it, in the user's sign-up flow. Five per user and
 * hour. A client that hides which users exist answers an unknown or disabled user with a
 * plausible CodeDeliveryDetails and sends nothing.
 *
 * Triggers: CustomMessage_ResendCode (or the custom senders), with ClientMetadata.
 */
import type { ResendConfirmationCodeCommandInput, ResendConfirmationCodeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { AnalyticsMetadataType, ClientIdType, ClientMetadataType, SecretHashType, UserContextDataType, UsernameType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { disabledUser, findNamedUser, hidesUserExistence, unknownUser } from '../../../../cognito/client-request.js';
import { requireAppClient } from '../../../../cognito/resources.js';
import { simulatedDelivery } from '../../../../cognito/simulated-delivery.js';
import { withAttempt } from '../../../../cognito/pending-codes.js';
import { checkCodeCanBeSent, resendConfirmationCode } from './sign-up-flow.js';

export const ResendConfirmationCode = operation<
  ResendConfirmationCodeCommandInput,
  ResendConfirmationCodeCommandOutput,
  Pick<Services, 'store' | 'clock' | 'bus' | 'flows' | 'options' | 'triggers' | 'ids'>
>((services) => ({
  input: structure({
    ClientId: required(ClientIdType),
    SecretHash: SecretHashType,
    UserContextData: UserContextDataType,
    Username: required(UsernameType),
    AnalyticsMetadata: AnalyticsMetadataType,
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { store, clock } = services;
    const call = requireAppClient(store, input.ClientId!);
    const user = findNamedUser(store, call, input.Username!, input.SecretHash);
    if (!user || !user.enabled) {
      if (hidesUserExistence(call.client)) {
        const verifiesPhone = (call.pool.config.AutoVerifiedAttributes ?? []).includes('phone_number');
        return { CodeDeliveryDetails: simulatedDelivery(call.pool, input.Username!, verifiesPhone ? 'phone_number' : 'email') };
      }
      throw user ? disabledUser() : unknownUser();
    }
    if (user.status !== 'UNCONFIRMED') throw new InvalidParameterException('User is already confirmed.');
    checkCodeCanBeSent(call.pool, user);
    const counted = withAttempt(user, 'ResendConfirmationCode', clock.now());
    store.users.save(counted);
    const answer = await resendConfirmationCode(
      services,
      {
        ...call,
        user: counted,
        caller: callerOf(context, call.client.clientId),
        link: { origin: context.origin, clientId: call.client.clientId },
        ...(input.ClientMetadata && { clientMetadata: input.ClientMetadata }),
      },
      context,
    );
    return { CodeDeliveryDetails: answer.delivery! };
  },
}));
