/**
 * The errors of the sandbox's STS stand-in (AssumeRoleWithWebIdentity, GetCallerIdentity). STS
 * speaks the AWS query protocol: its door answers them as `<ErrorResponse><Error><Type>Sender</Type>
 * <Code>...</Code><Message>...</Message></Error>...` with the status given here.
 */
import { CognitoError } from '../errors.js';

export class StsError extends CognitoError {
  constructor(code: string, message: string, status = 400) {
    super(code, message, status);
  }
}

export const invalidIdentityToken = (message: string) => new StsError('InvalidIdentityToken', message);
export const expiredToken = (message = 'Token expired') => new StsError('ExpiredTokenException', message);
export const invalidClientTokenId = (message = 'The security token included in the request is invalid.') =>
  new StsError('InvalidClientTokenId', message, 403);
