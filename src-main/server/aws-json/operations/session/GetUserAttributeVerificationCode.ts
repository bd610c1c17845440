/**
 * GetUserAttributeVerificationCode: sends the signed-in user a fresh code for their email or
 * phone number (or for the new value waiting for verification, when updates require it),
 * replacing any earlier code.
 *
 * Limitations: the CustomMessage trigger is not invoked (ClientMetadata is accepted for it); the
 * per-user hourly limit on codes is not applied.
 */
import type {
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { announceMessage, recordMessage } from '../../../../messaging/outbox.js';
import type { Services } from '../../../../services.js';
import { InvalidParameterException } from '../../errors.js';
import { AttributeNameType, ClientMetadataType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { attributeMap } from '../users/attributes.js';
import { signedInUser } from './access-token.js';
import { issueVerificationCode, pendingVerification, requireVerifiable, type VerifiableAttribute } from './attribute-verification.js';
import { TokenModelType } from './shapes.js';

const NO_VALUE: Record<VerifiableAttribute, string> = {
  email: 'User does not have a valid registered email address',
  phone_number: 'User does not have a valid registered phone number',
};

export const GetUserAttributeVerificationCode = operation<
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'bus' | 'options'>
>(({ tokens, store, clock, bus, options }) => ({
  input: structure({
    AccessToken: required(TokenModelType),
    AttributeName: required(AttributeNameType),
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input) {
    const { pool, user } = await signedInUser({ tokens, store }, input.AccessToken!);
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
      now,
    });
    const sent = store.transaction(() => {
      store.users.save(code.user);
      return recordMessage(store, now, code.message);
    });
    announceMessage(bus, sent);
    return { CodeDeliveryDetails: code.delivery };
  },
}));
