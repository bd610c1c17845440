/**
 * The query protocol's own refusals, before an action runs, and the ones of a signed request's
 * credentials (GetCallerIdentity). Codes and statuses as AWS's query APIs answer them.
 */
import { StsError } from '../../../cognito/identity/sts-errors.js';

export const missingAction = () => new StsError('MissingAction', 'Missing Action');
export const invalidAction = (action: string, version: string | null) =>
  new StsError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
export const unsupportedAction = (action: string, implemented: readonly string[]) =>
  new StsError('UnsupportedOperation', `${action} is not implemented by Cognito Sandbox's STS stand-in, which answers ${implemented.join(' and ')}.`);
export const requestTooLarge = (limit: number) => new StsError('RequestEntityTooLarge', `Request body is larger than ${limit} bytes.`, 413);
export const malformedQueryString = () => new StsError('MalformedQueryString', 'The request body could not be read as a query string.', 404);
export const internalFailure = () => new StsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
export const missingAuthenticationToken = () => new StsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
export const expiredSecurityToken = () => new StsError('ExpiredToken', 'The security token included in the request is expired', 403);
