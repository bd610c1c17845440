/**
 * Pre authentication [guide: Pre authentication Lambda trigger]. Fires when a user who exists
 * signs in (PreAuthentication_Authentication; the guide's source table also prints
 * `_Authenticate`, real events say `_Authentication`), and on a federated user's later sign-ins.
 *
 * request: userAttributes, validationData (the ClientMetadata of InitiateAuth /
 * AdminInitiateAuth; null when none), userNotFound (only when the app client prevents user
 * existence errors).
 * response: {}; the function rejects the sign-in by throwing.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { triggerEvent, userNotFoundMember, type CommonInput } from './common.js';
import { responseOf } from './read.js';

export type PreAuthenticationSource = 'PreAuthentication_Authentication';

export interface PreAuthenticationRequest {
  userAttributes: StringMap;
  validationData: StringMap | null;
  userNotFound?: boolean;
}

export type PreAuthenticationEvent = TriggerEvent<PreAuthenticationSource, PreAuthenticationRequest, Record<string, never>>;

export interface PreAuthenticationInput extends CommonInput {
  userName: string;
  userAttributes: StringMap;
  /** The sign-in call's ClientMetadata, which this trigger receives as validationData. */
  validationData?: StringMap;
  userNotFound?: boolean;
}

export function preAuthenticationEvent(input: PreAuthenticationInput): PreAuthenticationEvent {
  return triggerEvent(
    { ...input, triggerSource: 'PreAuthentication_Authentication' as const },
    {
      userAttributes: { ...input.userAttributes },
      validationData: input.validationData ? { ...input.validationData } : null,
      ...userNotFoundMember(input.userNotFound),
    },
    {},
  );
}

export function readPreAuthenticationResponse(output: unknown): void {
  responseOf(output);
}
