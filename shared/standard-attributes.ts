/**
 * Cognito's standard user attributes, by name, in the order DescribeUserPool lists them: what an
 * app client reads and writes by default and what the window offers when an attribute is added.
 * Pure constants; no node, electron or vue here.
 */
export const STANDARD_ATTRIBUTE_NAMES: readonly string[] = Object.freeze([
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
]);
