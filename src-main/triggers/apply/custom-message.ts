/**
 * Custom message as Cognito runs it before sending a code or temporary password: the function
 * sees the user's attributes and the placeholders, and answers the texts to send instead of the
 * pool's templates (events/customMessage.ts reads them as Cognito does: an email text from a pool
 * that does not send through SES is refused; a text without its placeholders, or too long, is not
 * used and Cognito's own goes instead).
 */
import type { MessageChannel } from '../../../shared/debugger-api.js';
import type { UserPool } from '../../store/repositories/user-pools.js';
import type { StoredUser } from '../../store/repositories/users.js';
import { userAttributesOf } from '../events/common.js';
import { customMessageEvent, readCustomMessageResponse, type CustomMessage, type CustomMessageSource } from '../events/customMessage.js';
import type { StringMap } from '../types.js';
import type { TriggerCaller } from './caller.js';
import { functionNameOf } from './function-name.js';
import type { Triggers } from '../runtime.js';

/**
 * Why Cognito sends a message; it names the trigger sources
 * (CustomMessage_SignUp, CustomEmailSender_SignUp, CustomSMSSender_SignUp, ...).
 * `Authentication` is the SMS MFA code, for the sign-in flow to send.
 */
export type MessageOccasion = 'SignUp' | 'AdminCreateUser' | 'ResendCode' | 'ForgotPassword' | 'UpdateUserAttribute' | 'VerifyUserAttribute' | 'Authentication';

export interface CustomMessageCall {
  pool: UserPool;
  /** The user the message goes to, as stored once it is sent. */
  user: StoredUser;
  occasion: MessageOccasion;
  channel: MessageChannel;
  /** The email confirms a sign-up by link: the function's email must carry the link placeholder. */
  verifiesByLink: boolean;
  caller: TriggerCaller;
  clientMetadata?: StringMap;
  flowId?: string | null;
}

/** What the function answered, and who it was. */
export interface CustomMessageAnswer extends CustomMessage {
  triggerSource: CustomMessageSource;
  functionName: string;
}

/** Runs the pool's custom message function; undefined when the pool has none. */
export async function runCustomMessage(services: { triggers: Triggers }, call: CustomMessageCall): Promise<CustomMessageAnswer | undefined> {
  const configured = services.triggers.functionFor(call.pool, 'CustomMessage');
  if (!configured) return undefined;
  const triggerSource: CustomMessageSource = `CustomMessage_${call.occasion}`;
  const event = customMessageEvent({
    ...call.caller,
    userPoolId: call.pool.id,
    triggerSource,
    userName: call.user.username,
    userAttributes: userAttributesOf(call.user, call.pool),
    clientMetadata: call.clientMetadata,
  });
  const settings = {
    emailSendingAccount: call.pool.config.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT',
    verifiesByLink: call.verifiesByLink,
  };
  const answer = await services.triggers.invoke({
    pool: call.pool,
    trigger: 'CustomMessage',
    event,
    flowId: call.flowId,
    read: (output) => readCustomMessageResponse(output, event, settings),
  });
  return { ...answer, triggerSource, functionName: functionNameOf(configured.arn) };
}
