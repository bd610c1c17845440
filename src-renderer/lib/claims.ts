/** What each claim in a Cognito user pool token means, for the token view's side notes. */

const CLAIMS: Record<string, string> = {
  sub: 'The user’s unique, immutable identifier (a UUID). Use it, not the username, as the key in your own data.',
  iss: 'Issuer: the user pool’s URL. Verify it equals your pool’s issuer before trusting the token.',
  aud: 'Audience: the app client ID the ID token was issued to. Verify it is your client.',
  client_id: 'The app client the access token was issued to (access tokens carry no aud).',
  token_use: 'What the token is for: "id" (who the user is, for your app) or "access" (what the bearer may call).',
  auth_time: 'When the user authenticated (epoch seconds). Stays the original time when tokens are refreshed.',
  exp: 'Expiry (epoch seconds). Reject the token after this time.',
  iat: 'Issued at (epoch seconds).',
  nbf: 'Not before (epoch seconds): the token is not valid earlier.',
  jti: 'This token’s unique ID. Revocation and replay checks use it.',
  origin_jti: 'The ID shared by every token descended from the same authentication: revoking the refresh token revokes them all.',
  event_id: 'The ID of the authentication event that produced the token.',
  username: 'The user’s username in the pool (access token). It can change for users who sign in with an alias; prefer sub.',
  'cognito:username': 'The user’s username in the pool (ID token). It can change for users who sign in with an alias; prefer sub.',
  'cognito:groups': 'The groups the user belongs to, ordered by precedence. A pre token generation trigger can override them.',
  'cognito:roles': 'The IAM role ARNs of the user’s groups.',
  'cognito:preferred_role': 'The IAM role of the user’s group with the lowest precedence value (unset on a tie with different roles).',
  scope: 'The OAuth scopes the access token grants, space-separated. aws.cognito.signin.user.admin allows the user’s own self-service calls.',
  version: 'The token format version (2 for access tokens from this pool).',
  email: 'The user’s email attribute (needs the email scope when issued through OAuth).',
  email_verified: 'Whether the email address has been verified.',
  phone_number: 'The user’s phone number attribute, in E.164 format.',
  phone_number_verified: 'Whether the phone number has been verified.',
  name: 'The user’s full name attribute.',
  given_name: 'The user’s given (first) name attribute.',
  family_name: 'The user’s family (last) name attribute.',
  middle_name: 'The user’s middle name attribute.',
  nickname: 'The user’s casual name attribute.',
  preferred_username: 'The preferred_username attribute; with alias sign-in it can be used to sign in.',
  profile: 'The user’s profile page URL attribute.',
  picture: 'The user’s picture URL attribute.',
  website: 'The user’s website attribute.',
  gender: 'The user’s gender attribute.',
  birthdate: 'The user’s birthdate attribute (YYYY-MM-DD).',
  zoneinfo: 'The user’s time zone attribute.',
  locale: 'The user’s locale attribute.',
  address: 'The user’s address attribute.',
  updated_at: 'When the user’s attributes last changed (epoch seconds).',
  nonce: 'The nonce the client sent to /oauth2/authorize, echoed so the client can bind the token to its request.',
  at_hash: 'A hash of the access token issued alongside this ID token (OIDC).',
  identities: 'The federated identity providers linked to this user (SAML, OIDC, social).',
  amr: 'Authentication methods references: how the user authenticated.',
  acr: 'Authentication context class reference.',
  azp: 'Authorized party: the client the token was issued to.',
  device_key: 'The remembered device this sign-in used.',
};

export function explainClaim(name: string): string | undefined {
  if (CLAIMS[name]) return CLAIMS[name];
  if (name.startsWith('custom:')) return 'A custom attribute of the pool. Custom attribute values are always strings in tokens.';
  if (name.startsWith('dev:')) return 'A developer-only attribute: only administrative calls can read or write it.';
  return undefined;
}

/** Claims holding epoch seconds, shown with their date beside them. */
export const TIME_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf', 'updated_at']);
