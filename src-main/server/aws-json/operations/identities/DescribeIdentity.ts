/**
 * DescribeIdentity: an identity's login keys and dates. An identity merged into another, or left
 * without logins, is still described (without Logins); an unauthenticated identity has none either.
 */
import type { DescribeIdentityCommandInput, DescribeIdentityCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { Services } from '../../../../services.js';
import { requireIdentity } from '../../../../cognito/identity/identities.js';
import { IdentityIdType } from '../../identity-model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { describeIdentity } from './identity-description.js';

export const DescribeIdentity = operation<DescribeIdentityCommandInput, DescribeIdentityCommandOutput, Pick<Services, 'store'>>(({ store }) => ({
  input: structure({ IdentityId: required(IdentityIdType) }),
  handle(input) {
    return describeIdentity(requireIdentity(store, input.IdentityId!));
  },
}));
