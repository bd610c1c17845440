import type { OperationFactory } from '../../operation.js';
import { CompleteWebAuthnRegistration } from './CompleteWebAuthnRegistration.js';
import { DeleteWebAuthnCredential } from './DeleteWebAuthnCredential.js';
import { ListWebAuthnCredentials } from './ListWebAuthnCredentials.js';
import { StartWebAuthnRegistration } from './StartWebAuthnRegistration.js';

/** Passkeys: the signed-in user registers, lists and deletes their WebAuthn credentials. */
export const webAuthnOperations: Record<string, OperationFactory> = {
  CompleteWebAuthnRegistration,
  DeleteWebAuthnCredential,
  ListWebAuthnCredentials,
  StartWebAuthnRegistration,
};
