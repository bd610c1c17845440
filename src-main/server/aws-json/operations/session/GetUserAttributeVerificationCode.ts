/**
 * GetUserAttributeVerificationCode: sends the signed-in user a fresh code for their email or
 * phone number (or for the new value waiting for verification, when updates require it),
 * replacing any earlier code.
 *
 * Triggers: CustomMessage_VerifyUserAttribute (or the custom senders), with ClientMetadata,
 * shapes the code's message.
 *
 * Limitation: the per-user hourly limit on codes is not applied.
 */
import type {
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { sendMessage } from '../../../../messaging/send.js';
import type { Services } from '../../../../services.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { AttributeNameType, ClientMetadataType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { attributeMap } from '../../../../cognito/attributes.js';
import { signedInUser } from '../../access-token.js';
import { issueVerificationCode, pendingVerification, requireVerifiable, type VerifiableAttribute } from './attribute-verification.js';

const NO_VALUE: Record<VerifiableAttribute, string> = {
  email: 'User does not have a valid registered email address',
  phone_number: 'User does not have a valid registered phone number',
};

export const GetUserAttributeVerificationCode = operation<
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'bus' | 'options' | 'triggers' | 'faults'>
>((services) => ({
  input: structure({
    AccessToken: required(TokenModelType),
    AttributeName: required(AttributeNameType),
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { tokens, store, clock, options } = services;
    const { pool, user, client } = await signedInUser({ tokens, store }, input.AccessToken!);
    const attribute = requireVerifiable(input.AttributeName!);
    const waiting = pendingVerification(user, attribute);
    const value = waiting?.held ? waiting.value : attributeMap(user.attributes).get(attribute);
    if (value === undefined) throw new InvalidParameterException(NO_VALUE[attribute]);
    const now = clock.now();
    const code = issueVerificationCode(options, {
      pool,
      user,
      attribute,
      value,
      held: waiting?.held ?? false,
      purpose: 'GetUserAttributeVerificationCode',
      occasion: 'VerifyUserAttribute',
      now,
    });
    const message = { ...code.message, user: code.user, caller: callerOf(context, client.clientId), clientMetadata: input.ClientMetadata };
    await sendMessage(services, message, () => store.users.save(code.user));
    return { CodeDeliveryDetails: code.delivery };
  },
}));
