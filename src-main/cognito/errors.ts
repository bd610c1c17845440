/**
 * Cognito's exceptions, one class each, carrying their type, default message and HTTP status.
 * Every layer throws these; only a door (the AWS JSON dispatcher, an OAuth endpoint) turns them
 * into its wire's error.
 */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export function exception(type: string, defaultMessage: string, status = 400) {
  const Exception = class extends CognitoError {
    constructor(message: string = defaultMessage) {
      super(type, message, status);
    }
  };
  Object.defineProperty(Exception, 'name', { value: type });
  return Exception;
}

export const InvalidParameterException = exception('InvalidParameterException', 'Invalid parameter.');
export const ResourceNotFoundException = exception('ResourceNotFoundException', 'Resource not found.');
export const NotAuthorizedException = exception('NotAuthorizedException', 'Not authorized.');
export const UserNotFoundException = exception('UserNotFoundException', 'User does not exist.');
export const UsernameExistsException = exception('UsernameExistsException', 'User account already exists');
export const AliasExistsException = exception('AliasExistsException', 'An account with the given email already exists.');
export const GroupExistsException = exception('GroupExistsException', 'A group with the name already exists.');
export const InvalidPasswordException = exception('InvalidPasswordException', 'Password does not conform to policy.');
export const LimitExceededException = exception('LimitExceededException', 'Limit exceeded.');
export const TooManyRequestsException = exception('TooManyRequestsException', 'Too many requests.');
export const CodeDeliveryFailureException = exception('CodeDeliveryFailureException', 'Unable to deliver the verification code.');
export const InvalidUserPoolConfigurationException = exception('InvalidUserPoolConfigurationException', 'Invalid user pool configuration.');
export const UnsupportedUserStateException = exception('UnsupportedUserStateException', 'Unsupported user state.');
export const DuplicateProviderException = exception('DuplicateProviderException', 'A provider with this name already exists.');
export const ScopeDoesNotExistException = exception('ScopeDoesNotExistException', 'Scope does not exist.');
export const InvalidOAuthFlowException = exception('InvalidOAuthFlowException', 'Invalid OAuth flow.');
export const ConcurrentModificationException = exception('ConcurrentModificationException', 'Concurrent modification.');
export const UserPoolTaggingException = exception('UserPoolTaggingException', 'User pool tagging failed.');
export const UnsupportedIdentityProviderException = exception('UnsupportedIdentityProviderException', 'Unsupported identity provider.');
export const UnsupportedOperationException = exception('UnsupportedOperationException', 'Unsupported operation.');
export const UnsupportedTokenTypeException = exception('UnsupportedTokenTypeException', 'Unsupported token type.');
export const UnauthorizedException = exception('UnauthorizedException', 'Unauthorized.');
export const UserNotConfirmedException = exception('UserNotConfirmedException', 'User is not confirmed.');
export const PasswordResetRequiredException = exception('PasswordResetRequiredException', 'Password reset required for the user');
export const CodeMismatchException = exception('CodeMismatchException', 'Invalid verification code provided, please try again.');
export const ExpiredCodeException = exception('ExpiredCodeException', 'Invalid code provided, please request a code again.');
export const SoftwareTokenMFANotFoundException = exception('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool');
export const EnableSoftwareTokenMFAException = exception('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
export const DeviceKeyExistsException = exception('DeviceKeyExistsException', 'Device key already exists.');
export const PasswordHistoryPolicyViolationException = exception('PasswordHistoryPolicyViolationException', 'Password has previously been used.');
export const RefreshTokenReuseException = exception('RefreshTokenReuseException', 'Refresh Token has been reused');
export const FeatureUnavailableInTierException = exception('FeatureUnavailableInTierException', 'This feature is not available in your pricing tier.');
export const UserPoolAddOnNotEnabledException = exception('UserPoolAddOnNotEnabledException', 'Advanced security features are not enabled for this user pool.');
export const OperationNotEnabledException = exception('OperationNotEnabledException', 'This operation is not enabled for the current user pool configuration.');
export const ServiceQuotaExceededException = exception('ServiceQuotaExceededException', "The request exceeded your account's service quota.");
export const UserLambdaValidationException = exception('UserLambdaValidationException', 'User Lambda validation failed.');
export const UnexpectedLambdaException = exception('UnexpectedLambdaException', 'Unexpected Lambda error.');
export const InvalidLambdaResponseException = exception('InvalidLambdaResponseException', 'Unrecognizable lambda output');
export const WebAuthnNotEnabledException = exception('WebAuthnNotEnabledException', 'Passkey sign-in is not enabled for this user pool.');
export const WebAuthnConfigurationMissingException = exception('WebAuthnConfigurationMissingException', 'The user pool has no relying party ID and no domain.');
export const WebAuthnChallengeNotFoundException = exception('WebAuthnChallengeNotFoundException', 'The passkey registration challenge was not found or has expired.');
export const WebAuthnClientMismatchException = exception('WebAuthnClientMismatchException', 'The access token was issued to another app client than the one that started the passkey registration.');
export const WebAuthnOriginNotAllowedException = exception('WebAuthnOriginNotAllowedException', "The passkey credential's origin does not match the user pool's relying party ID.");
export const WebAuthnRelyingPartyMismatchException = exception('WebAuthnRelyingPartyMismatchException', "The passkey credential is for another relying party than the user pool's.");
export const WebAuthnCredentialNotSupportedException = exception('WebAuthnCredentialNotSupportedException', 'The passkey credential is not supported.');
export const InternalErrorException = exception('InternalErrorException', 'Internal error.', 500);
export const ManagedLoginBrandingExistsException = exception('ManagedLoginBrandingExistsException', 'The app client already has a managed login branding style.');
export const PreconditionNotMetException = exception('PreconditionNotMetException', 'A precondition is not met.');
export const TermsExistsException = exception('TermsExistsException', 'Terms document names must be unique to the app client.');

// ---- Cognito Identity (identity pools)
/** Cognito Identity answers a request that breaks the API model's constraints so (the user-pool API says InvalidParameterException). */
export const ValidationException = exception('ValidationException', 'Validation failed.');
export const ResourceConflictException = exception('ResourceConflictException', 'Resource conflict.');
export const ExternalServiceException = exception('ExternalServiceException', 'An exception thrown when a dependent service such as Facebook or Twitter is not responding');
export const InvalidIdentityPoolConfigurationException = exception(
  'InvalidIdentityPoolConfigurationException',
  'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
);
export const DeveloperUserAlreadyRegisteredException = exception('DeveloperUserAlreadyRegisteredException', 'Developer user already registered.');
