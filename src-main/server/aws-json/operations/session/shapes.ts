/** Input shapes of the access-token operations and RevokeToken, with the API reference's constraints (the token itself: model.ts). */
import { enumeration, string } from '../../shapes.js';

export const ConfirmationCodeType = string({ min: 1, max: 2048, pattern: '[\\S]+' });
export const ClientSecretType = string({ min: 1, max: 64, pattern: '[\\w+]+', sensitive: true });
export const RevokeAssociatedSessionsType = enumeration(['NONE', 'LINKED']);
