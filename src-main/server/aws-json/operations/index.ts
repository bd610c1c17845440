/** The only list of implemented operations: `X-Amz-Target` suffix to operation factory. */
import type { OperationFactory } from '../operation.js';
import { authOperations } from './auth/index.js';
import { clientOperations } from './clients/index.js';
import { clientSecretOperations } from './client-secrets/index.js';
import { deviceOperations } from './devices/index.js';
import { domainOperations } from './domains/index.js';
import { federationOperations } from './federation/index.js';
import { groupOperations } from './groups/index.js';
import { identityProviderOperations } from './identity-providers/index.js';
import { identityCredentialOperations } from './identity-credentials/index.js';
import { identityPoolAdminOperations } from './identity-pools/index.js';
import { identityOperations } from './identities/index.js';
import { logDeliveryOperations } from './log-delivery/index.js';
import { threatProtectionOperations } from './threat-protection/index.js';
import { managedLoginOperations } from './managed-login/index.js';
import { mfaOperations } from './mfa/index.js';
import { poolOperations } from './pools/index.js';
import { replicaOperations } from './replicas/index.js';
import { resourceServerOperations } from './resource-servers/index.js';
import { selfServiceOperations } from './self-service/index.js';
import { sessionOperations } from './session/index.js';
import { termsOperations } from './terms/index.js';
import { uiCustomizationOperations } from './ui-customization/index.js';
import { userImportOperations } from './user-import/index.js';
import { userOperations } from './users/index.js';
import { userSessionOperations } from './user-sessions/index.js';
import { webAuthnOperations } from './webauthn/index.js';

export const userPoolOperations: Record<string, OperationFactory> = {
  ...poolOperations,
  ...clientOperations,
  ...clientSecretOperations,
  ...userOperations,
  ...groupOperations,
  ...domainOperations,
  ...resourceServerOperations,
  ...identityProviderOperations,
  ...federationOperations,
  ...authOperations,
  ...sessionOperations,
  ...mfaOperations,
  ...deviceOperations,
  ...selfServiceOperations,
  ...webAuthnOperations,
  ...uiCustomizationOperations,
  ...managedLoginOperations,
  ...termsOperations,
  ...replicaOperations,
  ...logDeliveryOperations,
  ...userSessionOperations,
  ...userImportOperations,
  ...threatProtectionOperations,
};

/** Identity pools (`AWSCognitoIdentityService`): routed, none implemented yet. */
/** Cognito Identity (`AWSCognitoIdentityService`): the pools, their identities, and the calls that hand out tokens and credentials. */
export const identityPoolOperations: Record<string, OperationFactory> = {
  ...identityPoolAdminOperations,
  ...identityOperations,
  ...identityCredentialOperations,
};
