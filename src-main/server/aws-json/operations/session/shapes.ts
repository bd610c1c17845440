/** Input shapes of the access-token operations and RevokeToken, with the API reference's constraints. */
import { enumeration, string } from '../../shapes.js';

/** An access or refresh token: a secret, so validation messages never echo it. */
export const TokenModelType = string({ pattern: '[A-Za-z0-9-_=.]+', sensitive: true });
export const ConfirmationCodeType = string({ min: 1, max: 2048, pattern: '[\\S]+' });
export const ClientSecretType = string({ min: 1, max: 64, pattern: '[\\w+]+', sensitive: true });
export const RevokeAssociatedSessionsType = enumeration(['NONE', 'LINKED']);
