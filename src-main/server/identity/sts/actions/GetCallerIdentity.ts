/**
 * STS GetCallerIdentity for a request signed with credentials the sandbox issued (an identity
 * pool's GetCredentialsForIdentity, AssumeRoleWithWebIdentity): the assumed role's ARN, its id
 * with the session name, and the account. The credentials are found by the access key id of the
 * Authorization header's credential scope; the session token must be theirs.
 *
 * Limitations: the SigV4 signature itself is not verified (the sandbox keeps no secret keys);
 * credentials it did not issue are refused with InvalidClientTokenId, as STS refuses unknown ones.
 */
import { findCredentials, hashSessionToken } from '../../../../cognito/identity/credentials.js';
import { invalidClientTokenId } from '../../../../cognito/identity/sts-errors.js';
import { structure } from '../../../aws-json/shapes.js';
import type { StsActionFactory } from '../action.js';
import { expiredSecurityToken, missingAuthenticationToken } from '../protocol-errors.js';

/** `arn:aws:sts::123456789012:assumed-role/...` → `123456789012`. */
const accountOf = (arn: string) => arn.split(':')[4] ?? '';

export const GetCallerIdentity: StsActionFactory = (services) => ({
  members: {},
  input: structure({}),
  handle(_params, context) {
    if (!context.accessKeyId) throw missingAuthenticationToken();
    const issued = findCredentials(services.store, context.accessKeyId);
    if (!issued || !context.securityToken || hashSessionToken(context.securityToken) !== issued.sessionTokenHash) throw invalidClientTokenId();
    if (issued.expires <= services.clock.now()) throw expiredSecurityToken();
    if (issued.identityPoolId) context.poolId = issued.identityPoolId;
    return { Arn: issued.assumedRoleArn, UserId: issued.assumedRoleId, Account: accountOf(issued.assumedRoleArn) };
  },
});
