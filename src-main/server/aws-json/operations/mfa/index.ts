import type { OperationFactory } from '../../operation.js';
import { AdminDeleteSoftwareToken } from './AdminDeleteSoftwareToken.js';
import { AdminSetUserMFAPreference } from './AdminSetUserMFAPreference.js';
import { AdminSetUserSettings } from './AdminSetUserSettings.js';
import { AssociateSoftwareToken } from './AssociateSoftwareToken.js';
import { SetUserMFAPreference } from './SetUserMFAPreference.js';
import { SetUserSettings } from './SetUserSettings.js';
import { VerifySoftwareToken } from './VerifySoftwareToken.js';

/** A user's MFA settings and TOTP software tokens, by the user (access token or sign-in Session) or an administrator. */
export const mfaOperations: Record<string, OperationFactory> = {
  AdminDeleteSoftwareToken,
  AdminSetUserMFAPreference,
  AdminSetUserSettings,
  AssociateSoftwareToken,
  SetUserMFAPreference,
  SetUserSettings,
  VerifySoftwareToken,
};
