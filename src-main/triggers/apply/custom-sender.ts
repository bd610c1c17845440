/**
 * Custom email and SMS senders (LambdaVersion V1_0): a pool with one for a channel hands every
 * message of that channel to its function instead of sending it, with the code or temporary
 * password encrypted under the pool's KMSKeyID (the sandbox's local KMS stand-in,
 * ../local-kms.ts). Cognito invokes them asynchronously: their failures are published, never
 * the call's error.
 *
 * Assumption (the reference is silent): where a channel has a custom sender, Cognito's
 * CustomMessage trigger is not run for that channel's messages, since Cognito renders no text.
 */
import type { MessageChannel } from '../../../shared/debugger-api.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { userAttributesOf } from '../events/common.js';
import { customEmailSenderEvent, type CustomEmailSenderSource } from '../events/customEmailSender.js';
import { customSmsSenderEvent, type CustomSmsSenderSource } from '../events/customSmsSender.js';
import type { StringMap } from '../types.js';
import type { TriggerCaller } from './caller.js';
import type { MessageOccasion } from './custom-message.js';
import { functionNameOf } from './function-name.js';
import type { Triggers } from '../runtime.js';

const EMAIL_SOURCES: Record<MessageOccasion, CustomEmailSenderSource | undefined> = {
  SignUp: 'CustomEmailSender_SignUp',
  AdminCreateUser: 'CustomEmailSender_AdminCreateUser',
  ResendCode: 'CustomEmailSender_ResendCode',
  ForgotPassword: 'CustomEmailSender_ForgotPassword',
  UpdateUserAttribute: 'CustomEmailSender_UpdateUserAttribute',
  VerifyUserAttribute: 'CustomEmailSender_VerifyUserAttribute',
  Authentication: 'CustomEmailSender_Authentication',
};

const SMS_SOURCES: Record<MessageOccasion, CustomSmsSenderSource> = {
  SignUp: 'CustomSMSSender_SignUp',
  AdminCreateUser: 'CustomSMSSender_AdminCreateUser',
  ResendCode: 'CustomSMSSender_ResendCode',
  ForgotPassword: 'CustomSMSSender_ForgotPassword',
  UpdateUserAttribute: 'CustomSMSSender_UpdateUserAttribute',
  VerifyUserAttribute: 'CustomSMSSender_VerifyUserAttribute',
  Authentication: 'CustomSMSSender_Authentication',
};

type SenderSource =
  | { trigger: 'CustomEmailSender'; triggerSource: CustomEmailSenderSource }
  | { trigger: 'CustomSMSSender'; triggerSource: CustomSmsSenderSource };

/** The custom sender a message is handed to, with the code as its function receives it. */
export type CustomSenderDelivery = SenderSource & {
  functionName: string;
  /** The code encrypted for `request.code` (base64). */
  encryptedCode: string;
};

function senderSource(channel: MessageChannel, occasion: MessageOccasion): SenderSource | undefined {
  if (channel === 'SMS') return { trigger: 'CustomSMSSender', triggerSource: SMS_SOURCES[occasion] };
  const triggerSource = EMAIL_SOURCES[occasion];
  return triggerSource && { trigger: 'CustomEmailSender', triggerSource };
}

/** The delivery a custom sender takes over for this message, or undefined when Cognito sends it. */
export function customSenderFor(
  services: { triggers: Triggers },
  message: { pool: UserPool; channel: MessageChannel; occasion: MessageOccasion; code: string },
): CustomSenderDelivery | undefined {
  const source = senderSource(message.channel, message.occasion);
  const configured = source && services.triggers.functionFor(message.pool, source.trigger);
  if (!source || !configured) return undefined;
  return { ...source, functionName: functionNameOf(configured.arn), encryptedCode: services.triggers.encryptCode(message.pool, message.code) };
}

export interface CustomSenderCall {
  pool: UserPool;
  user: StoredUser;
  delivery: CustomSenderDelivery;
  caller: TriggerCaller;
  clientMetadata?: StringMap;
  flowId?: string | null;
}

/** Hands the message to its custom sender function (whose failure is only published). */
export async function handToCustomSender(services: { triggers: Triggers }, call: CustomSenderCall): Promise<void> {
  const { delivery } = call;
  const common = {
    ...call.caller,
    userPoolId: call.pool.id,
    userName: call.user.username,
    userAttributes: userAttributesOf(call.user, call.pool),
    code: delivery.encryptedCode,
    clientMetadata: call.clientMetadata,
  };
  const event =
    delivery.trigger === 'CustomEmailSender'
      ? customEmailSenderEvent({ ...common, triggerSource: delivery.triggerSource })
      : customSmsSenderEvent({ ...common, triggerSource: delivery.triggerSource });
  await services.triggers.invoke({ pool: call.pool, trigger: delivery.trigger, event, flowId: call.flowId });
}
