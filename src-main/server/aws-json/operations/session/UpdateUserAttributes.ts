/**
 * UpdateUserAttributes: the signed-in user changes the attributes their app client may write
 * (a blank value deletes one). A changed email or phone number is unverified until
 * VerifyUserAttribute, and in pools that auto-verify it a code goes to the new value. With
 * AttributesRequireVerificationBeforeUpdate, a verified email or phone number keeps its value
 * (and stays verified, and usable for sign-in) until the new one is verified.
 *
 * Triggers: CustomMessage_UpdateUserAttribute (or the custom senders), with ClientMetadata,
 * shapes each code's message.
 *
 * Limitation: an unverified or absent value is replaced at once even when updates require
 * verification, since there is no verified value to keep.
 */
import type { UpdateUserAttributesCommandInput, UpdateUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { sendMessages } from '../../../../messaging/send.js';
import type { Services } from '../../../../services.js';
import { callerOf } from '../../../../triggers/apply/caller.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { AttributeListType, ClientMetadataType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { claimAliases } from '../../../../cognito/aliases.js';
import { applyAttributeChanges, attributeMap, checkAttributeChanges, type AttributeChange } from '../../../../cognito/attributes.js';
import { signedInUser } from '../../access-token.js';
import {
  isAutoVerified,
  isHeldUntilVerified,
  isVerified,
  issueVerificationCode,
  pendingVerification,
  withPendingVerification,
  type IssuedCode,
  type VerifiableAttribute,
} from './attribute-verification.js';
import { checkClientMayWrite } from '../../../../cognito/client-writes.js';

const CONTACT_ATTRIBUTES: readonly VerifiableAttribute[] = ['email', 'phone_number'];

/** What becomes of one changed email or phone number. */
interface ContactChange {
  attribute: VerifiableAttribute;
  /** The new value, or null when the attribute is deleted. */
  value: string | null;
  /** A code goes to the new value. */
  sendCode: boolean;
  /** The current value stays until the new one is verified. */
  held: boolean;
}

/**
 * The email / phone number changes of a request: those whose value changes and whose verified
 * flag the request leaves alone, and those that go back to the current value while a new one
 * was held (which drops the held value).
 */
function contactChanges(pool: UserPool, user: StoredUser, changes: readonly AttributeChange[], requested: ReadonlySet<string>): ContactChange[] {
  const current = attributeMap(user.attributes);
  return CONTACT_ATTRIBUTES.flatMap((attribute) => {
    const change = changes.find((c) => c.name === attribute);
    if (!change || requested.has(`${attribute}_verified`)) return [];
    if (change.value === current.get(attribute)) {
      return pendingVerification(user, attribute)?.held ? [{ attribute, value: change.value, sendCode: false, held: false }] : [];
    }
    const sendCode = change.value !== null && isAutoVerified(pool, attribute);
    const held = sendCode && isHeldUntilVerified(pool, attribute) && isVerified(user, attribute);
    return [{ attribute, value: change.value, sendCode, held }];
  });
}

export const UpdateUserAttributes = operation<
  UpdateUserAttributesCommandInput,
  UpdateUserAttributesCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock' | 'bus' | 'options' | 'triggers' | 'faults'>
>((services) => ({
  input: structure({
    UserAttributes: required(AttributeListType),
    AccessToken: required(TokenModelType),
    ClientMetadata: ClientMetadataType,
  }),
  async handle(input, context) {
    const { tokens, store, clock, options } = services;
    const { pool, user, client } = await signedInUser({ tokens, store }, input.AccessToken!);
    const requested = new Set(input.UserAttributes!.map((a) => a.Name!));
    checkClientMayWrite(pool, client, [...requested]);
    const changes = checkAttributeChanges(pool, user.attributes, input.UserAttributes!, 'client');
    const contacts = contactChanges(pool, user, changes, requested);
    const now = clock.now();

    // A held attribute keeps its value and its verified flag; only the code records the new value.
    const held = new Set(contacts.filter((c) => c.held).flatMap((c) => [c.attribute, `${c.attribute}_verified`]));
    const applied = changes.filter((c) => !held.has(c.name));
    let updated: StoredUser = { ...user, attributes: applyAttributeChanges(user.attributes, applied), modified: now };
    const issued: IssuedCode[] = [];
    for (const contact of contacts) {
      updated = withPendingVerification(updated, contact.attribute, undefined);
      if (!contact.sendCode) continue;
      const code = issueVerificationCode(options, {
        pool,
        user: updated,
        attribute: contact.attribute,
        value: contact.value!,
        held: contact.held,
        purpose: 'UpdateUserAttributes',
        occasion: 'UpdateUserAttribute',
        now,
      });
      issued.push(code);
      updated = code.user;
    }
    const final = updated;
    claimAliases(store, pool, final, { force: false, creating: false, now });

    const caller = callerOf(context, client.clientId);
    const messages = issued.map((code) => ({ ...code.message, user: final, caller, clientMetadata: input.ClientMetadata }));
    await sendMessages(services, messages, () => store.users.save(final));
    return issued.length > 0 ? { CodeDeliveryDetailsList: issued.map((code) => code.delivery) } : {};
  },
}));
