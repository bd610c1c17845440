/** The pool's MFA settings as GetUserPoolMfaConfig and SetUserPoolMfaConfig return them. */
import type { GetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import { dropUndefined } from './settings.js';

export function mfaConfigView(pool: UserPool): GetUserPoolMfaConfigResponse {
  const factors = pool.mfaFactors ?? {};
  return dropUndefined({
    SmsMfaConfiguration: factors.sms
      ? dropUndefined({ SmsAuthenticationMessage: pool.config.SmsAuthenticationMessage, SmsConfiguration: pool.config.SmsConfiguration })
      : undefined,
    SoftwareTokenMfaConfiguration: factors.softwareToken === undefined ? undefined : { Enabled: factors.softwareToken },
    EmailMfaConfiguration: factors.email,
    MfaConfiguration: pool.config.MfaConfiguration ?? 'OFF',
    WebAuthnConfiguration: factors.webAuthn,
  });
}
