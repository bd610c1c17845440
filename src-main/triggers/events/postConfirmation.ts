/**
 * Post confirmation [guide: Post confirmation Lambda trigger]. Fires after ConfirmSignUp /
 * AdminConfirmSignUp (PostConfirmation_ConfirmSignUp), ConfirmForgotPassword
 * (PostConfirmation_ConfirmForgotPassword) and a federated user's first sign-in
 * (PostConfirmation_ConfirmSignIn).
 *
 * request: userAttributes (the confirmed user's), clientMetadata (when passed).
 * response: {}; Cognito reads nothing from it, but the answer must still be the event.
 */
import type { StringMap, TriggerEvent } from '../types.js';
import { clientMetadataMember, triggerEvent, type CommonInput } from './common.js';
import { responseOf } from './read.js';

export type PostConfirmationSource =
  | 'PostConfirmation_ConfirmSignUp'
  | 'PostConfirmation_ConfirmForgotPassword'
  | 'PostConfirmation_ConfirmSignIn';

export interface PostConfirmationRequest {
  userAttributes: StringMap;
  clientMetadata?: StringMap;
}

export type PostConfirmationEvent = TriggerEvent<PostConfirmationSource, PostConfirmationRequest, Record<string, never>>;

export interface PostConfirmationInput extends CommonInput {
  triggerSource: PostConfirmationSource;
  userName: string;
  userAttributes: StringMap;
  clientMetadata?: StringMap;
}

export function postConfirmationEvent(input: PostConfirmationInput): PostConfirmationEvent {
  return triggerEvent(input, { userAttributes: { ...input.userAttributes }, ...clientMetadataMember(input.clientMetadata) }, {});
}

export function readPostConfirmationResponse(output: unknown): void {
  responseOf(output);
}
