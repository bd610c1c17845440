/** A stored user as the SDK's UserType (ListUsers, AdminCreateUser, ListUsersInGroup). */
import type { MFAOptionType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { StoredUser, UserAttribute } from '../../../store/repositories/users.js';
import type { Wire } from '../operation.js';
import { wireDate } from '../operations/common.js';

/** The user's attributes, or only those named in `attributesToGet` (an empty list means all). */
export function selectAttributes(user: StoredUser, attributesToGet?: readonly string[]): UserAttribute[] {
  if (!attributesToGet || attributesToGet.length === 0) return user.attributes.map((a) => ({ ...a }));
  const wanted = new Set(attributesToGet);
  return user.attributes.filter((a) => wanted.has(a.Name)).map((a) => ({ ...a }));
}

/** The legacy MFAOptions Cognito still reports: SMS to the phone number when SMS MFA is on. */
export function mfaOptionsOf(user: StoredUser): MFAOptionType[] | undefined {
  return user.mfa?.enabled.includes('SMS_MFA') ? [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] : undefined;
}

/** PreferredMfaSetting and UserMFASettingList as GetUser, AdminGetUser and the auth factor operations report them. */
export function mfaSettingsOf(user: StoredUser): { PreferredMfaSetting?: string; UserMFASettingList?: string[] } {
  const enabled = user.mfa?.enabled ?? [];
  return {
    ...(user.mfa?.preferred && { PreferredMfaSetting: user.mfa.preferred }),
    ...(enabled.length > 0 && { UserMFASettingList: [...enabled] }),
  };
}

export function toUserType(user: StoredUser, attributesToGet?: readonly string[]): Wire<UserType> {
  const mfaOptions = mfaOptionsOf(user);
  return {
    Username: user.username,
    Attributes: selectAttributes(user, attributesToGet),
    UserCreateDate: wireDate(user.created),
    UserLastModifiedDate: wireDate(user.modified),
    Enabled: user.enabled,
    UserStatus: user.status as UserType['UserStatus'],
    ...(mfaOptions && { MFAOptions: mfaOptions }),
  };
}
