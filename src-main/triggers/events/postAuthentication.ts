/**
 * Post authentication [guide: Post authentication Lambda trigger]. Fires after a successful
 * sign-in (PostAuthentication_Authentication), federated ones included.
 *
 * request: userAttributes, newDeviceUsed (meaningful only when the pool remembers devices
 * Always or User Opt-In; false otherwise), clientMetadata (RespondToAuthChallenge's and
 * AdminRespondToAuthChallenge's, when passed; never InitiateAuth's).
 * response: {}.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, type CommonInput } from './common.js';
import { responseOf } from './read.js';

export type PostAuthenticationSource = 'PostAuthentication_Authentication';

export interface PostAuthenticationRequest {
  userAttributes: StringMap;
  newDeviceUsed: boolean;
  clientMetadata?: StringMap;
}

export type PostAuthenticationEvent = TriggerEvent<PostAuthenticationSource, PostAuthenticationRequest, Record<string, never>>;

export interface PostAuthenticationInput extends CommonInput {
  userName: string;
  userAttributes: StringMap;
  newDeviceUsed?: boolean;
  clientMetadata?: StringMap;
}

export function postAuthenticationEvent(input: PostAuthenticationInput): PostAuthenticationEvent {
  return triggerEvent(
    { ...input, triggerSource: 'PostAuthentication_Authentication' as const },
    { userAttributes: { ...input.userAttributes }, newDeviceUsed: input.newDeviceUsed ?? false, ...clientMetadataMember(input.clientMetadata) },
    {},
  );
}

export function readPostAuthenticationResponse(output: unknown): void {
  responseOf(output);
}
