/**
 * VerifyUserAttribute: the signed-in user answers the code sent to their email or phone number.
 * The attribute becomes verified (a value held back until verification replaces the current
 * one), and the code is used up. A verified email or phone number that is a sign-in alias must
 * not be another user's verified alias.
 *
 * Limitation: the per-user hourly limit on attempts is not applied.
 */
import type { VerifyUserAttributeCommandInput, VerifyUserAttributeCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { CodeMismatchException, ExpiredCodeException, InvalidParameterException } from '../../../../cognito/errors.js';
import { AttributeNameType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { claimAliases } from '../../../../cognito/aliases.js';
import { applyAttributeChanges, attributeMap, type AttributeChange } from '../../../../cognito/attributes.js';
import { signedInUser } from '../../access-token.js';
import { pendingVerification, requireVerifiable, withPendingVerification, type PendingVerification } from './attribute-verification.js';
import { ConfirmationCodeType } from './shapes.js';

/** The pending code, if it is still good for the attribute's current (or held) value. */
function usablePending(pending: PendingVerification | undefined, current: string | undefined, now: number): PendingVerification | undefined {
  if (!pending || pending.expires <= now) return undefined;
  return pending.held || pending.value === current ? pending : undefined;
}

export const VerifyUserAttribute = operation<
  VerifyUserAttributeCommandInput,
  VerifyUserAttributeCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock'>
>(({ tokens, store, clock }) => ({
  input: structure({
    AccessToken: required(TokenModelType),
    AttributeName: required(AttributeNameType),
    Code: required(ConfirmationCodeType),
  }),
  async handle(input) {
    const { pool, user } = await signedInUser({ tokens, store }, input.AccessToken!);
    const attribute = requireVerifiable(input.AttributeName!);
    const current = attributeMap(user.attributes).get(attribute);
    const pending = pendingVerification(user, attribute);
    if (current === undefined && !pending?.held) {
      throw new InvalidParameterException(`Unable to verify attribute: ${attribute} no value set to verify`);
    }
    const now = clock.now();
    const usable = usablePending(pending, current, now);
    if (!usable) throw new ExpiredCodeException('Invalid code provided, please request a code again.');
    if (usable.code !== input.Code) throw new CodeMismatchException('Invalid verification code provided, please try again.');

    const changes: AttributeChange[] = [
      ...(usable.held ? [{ name: attribute, value: usable.value }] : []),
      { name: `${attribute}_verified`, value: 'true' },
    ];
    const verified: StoredUser = withPendingVerification(
      { ...user, attributes: applyAttributeChanges(user.attributes, changes), modified: now },
      attribute,
      undefined,
    );
    claimAliases(store, pool, verified, { force: false, creating: false, now });
    store.users.save(verified);
    return {};
  },
}));
