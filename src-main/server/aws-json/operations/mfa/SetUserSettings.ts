/**
 * SetUserSettings, which Cognito keeps for SMS MFA only: MFAOptions
 * [{DeliveryMedium: SMS, AttributeName: phone_number}] turns SMS MFA on (the user needs a phone
 * number), an empty list turns it off. Any other option is refused ("Only phone_number attribute
 * is currently supported as a MFA option.").
 */
import type { SetUserSettingsCommandInput, SetUserSettingsCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from '../../../../services.js';
import { withLegacyMfaOptions } from '../../../../cognito/mfa.js';
import { signedInUser } from '../../access-token.js';
import { TokenModelType } from '../../model.js';
import { operation } from '../../operation.js';
import { required, structure } from '../../shapes.js';
import { saveMfaSettings } from './settings.js';
import { MFAOptionListType } from './shapes.js';

export const SetUserSettings = operation<SetUserSettingsCommandInput, SetUserSettingsCommandOutput, Pick<Services, 'tokens' | 'store' | 'clock'>>(
  (services) => ({
    input: structure({ AccessToken: required(TokenModelType), MFAOptions: required(MFAOptionListType) }),
    async handle(input) {
      const { user } = await signedInUser(services, input.AccessToken!);
      saveMfaSettings(services, user, withLegacyMfaOptions(user, input.MFAOptions!));
      return {};
    },
  }),
);
