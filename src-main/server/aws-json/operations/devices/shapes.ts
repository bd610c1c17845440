/** Input shapes of the device operations, with the API reference's constraints. */
import { enumeration, string, structure } from '../../shapes.js';

export const DeviceKeyType = string({ min: 1, max: 55, pattern: '[\\w-]+_[0-9a-f-]+' });
export const DeviceNameType = string({ min: 1, max: 1024 });
export const DeviceRememberedStatusType = enumeration(['remembered', 'not_remembered']);
/** The device's SRP verifier and salt, base64; the verifier is kept out of debugger events (debug/mask.ts). */
export const DeviceSecretVerifierConfigType = structure({ PasswordVerifier: string(), Salt: string() });
