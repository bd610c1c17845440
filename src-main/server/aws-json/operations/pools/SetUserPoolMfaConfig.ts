/**
 * Replaces the pool's MFA factors: a factor the request leaves out is turned off, as it is in
 * Cognito (email MFA has no other way to be turned off), and GetUserPoolMfaConfig then leaves its
 * configuration out, as Terraform's provider expects of Cognito. The passkey (WebAuthn) settings are not
 * an MFA factor and are kept when omitted.
 * LIMITATIONS: email MFA does not check the feature plan or a DEVELOPER email configuration.
 */
import type { SetUserPoolMfaConfigCommandInput, SetUserPoolMfaConfigCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import type { PoolMfaFactors, UserPool } from '../../../../store/repositories/user-pools.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { UserPoolIdType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { requirePool } from '../../../../cognito/resources.js';
import { mfaConfigView } from './mfa-config.js';
import { dropUndefined } from './settings.js';
import { EmailMfaConfigType, SmsMfaConfigType, SoftwareTokenMfaConfigType, UserPoolMfaType, WebAuthnConfigurationType } from './shapes.js';

function requestedFactors(pool: UserPool, input: SetUserPoolMfaConfigCommandInput): PoolMfaFactors {
  const smsConfiguration = input.SmsMfaConfiguration?.SmsConfiguration ?? pool.config.SmsConfiguration;
  return dropUndefined({
    sms: input.SmsMfaConfiguration !== undefined && smsConfiguration !== undefined,
    // Left out, it is off and GetUserPoolMfaConfig leaves it out too (what Terraform's reads expect).
    softwareToken: input.SoftwareTokenMfaConfiguration?.Enabled,
    email: input.EmailMfaConfiguration && dropUndefined({ ...input.EmailMfaConfiguration }),
    webAuthn: input.WebAuthnConfiguration ?? pool.mfaFactors?.webAuthn,
  });
}

function checkFactorsFitMode(mode: string, factors: PoolMfaFactors): void {
  const anyFactor = factors.sms || factors.softwareToken || factors.email !== undefined;
  if (mode === 'OFF' && anyFactor) {
    throw new InvalidParameterException("Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
  }
  if (mode !== 'OFF' && !anyFactor) {
    throw new InvalidParameterException('Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.');
  }
}

export const SetUserPoolMfaConfig = operation<SetUserPoolMfaConfigCommandInput, SetUserPoolMfaConfigCommandOutput, Pick<Services, 'store' | 'clock'>>(
  ({ store, clock }) => ({
    input: structure({
      UserPoolId: required(UserPoolIdType),
      SmsMfaConfiguration: SmsMfaConfigType,
      SoftwareTokenMfaConfiguration: SoftwareTokenMfaConfigType,
      EmailMfaConfiguration: EmailMfaConfigType,
      MfaConfiguration: UserPoolMfaType,
      WebAuthnConfiguration: WebAuthnConfigurationType,
    }),
    handle(input) {
      const pool = requirePool(store, input.UserPoolId!);
      const mode = input.MfaConfiguration ?? 'OFF';
      const factors = requestedFactors(pool, input);
      checkFactorsFitMode(mode, factors);
      const sms = input.SmsMfaConfiguration;
      const updated: UserPool = {
        ...pool,
        modified: clock.now(),
        config: dropUndefined({
          ...pool.config,
          SmsAuthenticationMessage: sms?.SmsAuthenticationMessage ?? pool.config.SmsAuthenticationMessage,
          SmsConfiguration: sms?.SmsConfiguration ?? pool.config.SmsConfiguration,
          MfaConfiguration: mode,
        }),
        mfaFactors: factors,
      };
      store.pools.save(updated);
      return mfaConfigView(updated);
    },
  }),
);
