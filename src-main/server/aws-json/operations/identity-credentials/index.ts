import type { OperationFactory } from '../../operation.js';
import { GetCredentialsForIdentity } from './GetCredentialsForIdentity.js';
import { GetId } from './GetId.js';
import { GetOpenIdToken } from './GetOpenIdToken.js';
import { GetOpenIdTokenForDeveloperIdentity } from './GetOpenIdTokenForDeveloperIdentity.js';

export const identityCredentialOperations: Record<string, OperationFactory> = {
  GetId,
  GetCredentialsForIdentity,
  GetOpenIdToken,
  GetOpenIdTokenForDeveloperIdentity,
};
