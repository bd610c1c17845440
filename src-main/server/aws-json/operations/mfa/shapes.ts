/** Input shapes of the MFA operations, with the API reference's constraints. */
import { AttributeNameType, BooleanType, DeliveryMediumType } from '../../model.js';
import { list, string, structure } from '../../shapes.js';

/** A TOTP code: six digits, a secret. */
export const SoftwareTokenMFAUserCodeType = string({ min: 6, max: 6, pattern: '[0-9]+', sensitive: true });
export const FriendlyDeviceNameType = string();

const MfaSettings = structure({ Enabled: BooleanType, PreferredMfa: BooleanType });
export const SMSMfaSettingsType = MfaSettings;
export const SoftwareTokenMfaSettingsType = MfaSettings;
export const EmailMfaSettingsType = MfaSettings;
export const WebAuthnMfaSettingsType = structure({ Enabled: BooleanType });

export const MFAOptionListType = list(structure({ DeliveryMedium: DeliveryMediumType, AttributeName: AttributeNameType }));
