/** An identity as DescribeIdentity and ListIdentities answer it: its id, its login keys, its dates (epoch seconds). */
import type { IdentityDescription } from '@aws-sdk/client-cognito-identity';
import { loginKeys } from '../../../../cognito/identity/identities.js';
import type { StoredIdentity } from '../../../../cognito/identity/types.js';
import type { Wire } from '../../operation.js';
import { wireDate } from '../common.js';

export function describeIdentity(identity: StoredIdentity): Wire<IdentityDescription> {
  const logins = loginKeys(identity);
  return {
    IdentityId: identity.IdentityId,
    ...(logins.length > 0 && { Logins: logins }),
    CreationDate: wireDate(identity.created),
    LastModifiedDate: wireDate(identity.updated),
  };
}
