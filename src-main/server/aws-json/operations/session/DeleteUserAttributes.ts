/**
 * DeleteUserAttributes: the signed-in user removes attributes their app client may write;
 * required and immutable ones cannot go. Deleting an email or phone number takes its verified
 * flag and any code waiting for it along.
 */
import type { DeleteUserAttributesCommandInput, DeleteUserAttributesCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { AttributeNameListType, TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { applyAttributeChanges, checkAttributeDeletions, withVerificationConsequences } from '../../../../cognito/attributes.js';
import { signedInUser } from '../../access-token.js';
import { withPendingVerification } from './attribute-verification.js';
import { checkClientMayWrite } from '../../../../cognito/client-writes.js';

export const DeleteUserAttributes = operation<
  DeleteUserAttributesCommandInput,
  DeleteUserAttributesCommandOutput,
  Pick<Services, 'tokens' | 'store' | 'clock'>
>(({ tokens, store, clock }) => ({
  input: structure({
    UserAttributeNames: required(AttributeNameListType),
    AccessToken: required(TokenModelType),
  }),
  async handle(input) {
    const { pool, user, client } = await signedInUser({ tokens, store }, input.AccessToken!);
    const names = input.UserAttributeNames!;
    checkClientMayWrite(pool, client, names);
    checkAttributeDeletions(pool, names);
    const changes = withVerificationConsequences(
      user.attributes,
      names.map((name) => ({ name, value: null })),
    );
    let updated: StoredUser = { ...user, attributes: applyAttributeChanges(user.attributes, changes), modified: clock.now() };
    if (names.includes('email')) updated = withPendingVerification(updated, 'email', undefined);
    if (names.includes('phone_number')) updated = withPendingVerification(updated, 'phone_number', undefined);
    store.users.save(updated);
    return {};
  },
}));
