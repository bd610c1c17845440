/**
 * AssociateSoftwareToken and VerifySoftwareToken are authorised by the signed-in user's access
 * token or by the Session of a sign-in's MFA_SETUP step, "but not both".
 * Assumption: the API reference names no error for both or neither; both are refused as an
 * InvalidParameterException naming the two members.
 */
import { InvalidParameterException } from '../../../../cognito/errors.js';

export type Authorisation = { accessToken: string } | { session: string };

export function accessTokenOrSession(input: { AccessToken?: string; Session?: string }): Authorisation {
  if (input.AccessToken !== undefined && input.Session !== undefined) {
    throw new InvalidParameterException('Only one of AccessToken and Session may be given.');
  }
  if (input.AccessToken !== undefined) return { accessToken: input.AccessToken };
  if (input.Session !== undefined) return { session: input.Session };
  throw new InvalidParameterException('Either AccessToken or Session must be given.');
}
