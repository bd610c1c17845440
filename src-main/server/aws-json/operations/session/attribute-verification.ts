/**
 * Verifying an email address or phone number with a code: the code Cognito sends when one
 * changes (in pools that auto-verify it) or when the user asks for one, kept on the user until
 * VerifyUserAttribute answers it. With AttributesRequireVerificationBeforeUpdate the new value
 * waits beside the code ("held") and replaces the current one only once verified.
 */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { oneTimeCode } from '../../../../messaging/codes.js';
import type { MessageRequest } from '../../../../messaging/send.js';
import type { SandboxOptions } from '../../../../config/options.js';
import type { UserPool } from '../../../../store/repositories/user-pools.js';
import type { StoredUser } from '../../../../store/repositories/users.js';
import { InvalidParameterException } from '../../../../cognito/errors.js';
import { attributeMap } from '../../../../cognito/attributes.js';
import { codeDelivery } from '../../../../cognito/code-delivery.js';

export type VerifiableAttribute = 'email' | 'phone_number';

/** Verification codes are valid for 24 hours. */
export const VERIFICATION_CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;

export interface PendingVerification {
  code: string;
  /** Epoch milliseconds. */
  expires: number;
  /** The value the code was sent to: only that value is verified by it. */
  value: string;
  /** Whether `value` waits for verification before replacing the current value. */
  held: boolean;
}

type PendingVerifications = Partial<Record<VerifiableAttribute, PendingVerification>>;

/** The member of StoredUser.extra this area keeps its codes in. */
const EXTRA_KEY = 'attributeVerification';

export function requireVerifiable(name: string): VerifiableAttribute {
  if (name === 'email' || name === 'phone_number') return name;
  throw new InvalidParameterException('Invalid attribute name. Only phone_number and email can be verified.');
}

export function pendingVerification(user: StoredUser, attribute: VerifiableAttribute): PendingVerification | undefined {
  return (user.extra[EXTRA_KEY] as PendingVerifications | undefined)?.[attribute];
}

/** The user with `attribute`'s pending verification replaced (or, with undefined, dropped). */
export function withPendingVerification(user: StoredUser, attribute: VerifiableAttribute, pending: PendingVerification | undefined): StoredUser {
  const { [EXTRA_KEY]: stored, ...extra } = user.extra;
  const verifications: PendingVerifications = { ...(stored as PendingVerifications | undefined) };
  if (pending) verifications[attribute] = pending;
  else delete verifications[attribute];
  return { ...user, extra: Object.keys(verifications).length > 0 ? { ...extra, [EXTRA_KEY]: verifications } : extra };
}

/** Whether the pool sends a code when the attribute changes. */
export function isAutoVerified(pool: UserPool, attribute: VerifiableAttribute): boolean {
  return (pool.config.AutoVerifiedAttributes ?? []).includes(attribute);
}

/** Whether a change to the attribute waits for verification (AttributesRequireVerificationBeforeUpdate). */
export function isHeldUntilVerified(pool: UserPool, attribute: VerifiableAttribute): boolean {
  return (pool.config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []).includes(attribute);
}

export function isVerified(user: StoredUser, attribute: VerifiableAttribute): boolean {
  return attributeMap(user.attributes).get(`${attribute}_verified`) === 'true';
}

/** The message that carries a code, but for the user and caller the operation sends it as (messaging/send.ts). */
export type CodeMessage = Omit<MessageRequest, 'user' | 'caller' | 'clientMetadata'>;

export interface IssuedCode {
  /** The user with the code pending: save it as the message is sent. */
  user: StoredUser;
  message: CodeMessage;
  delivery: CodeDeliveryDetailsType;
}

export interface CodeRequest {
  pool: UserPool;
  user: StoredUser;
  attribute: VerifiableAttribute;
  /** Where the code goes, and the value it verifies. */
  value: string;
  held: boolean;
  /** The operation that sends it, recorded on the outbox message. */
  purpose: string;
  /** CustomMessage_UpdateUserAttribute (the value changed) or _VerifyUserAttribute (the user asked). */
  occasion: 'UpdateUserAttribute' | 'VerifyUserAttribute';
  now: number;
}

function verificationMessage(request: CodeRequest, code: string): CodeMessage {
  return {
    pool: request.pool,
    purpose: request.purpose,
    occasion: request.occasion,
    channel: request.attribute === 'phone_number' ? 'SMS' : 'EMAIL',
    destination: request.value,
    code,
  };
}

/** A fresh code for the attribute (replacing any earlier one) and the message that carries it. */
export function issueVerificationCode(options: Pick<SandboxOptions, 'fixedCode'>, request: CodeRequest): IssuedCode {
  const code = oneTimeCode(options);
  const pending: PendingVerification = { code, expires: request.now + VERIFICATION_CODE_VALIDITY_MS, value: request.value, held: request.held };
  const message = verificationMessage(request, code);
  return {
    user: withPendingVerification(request.user, request.attribute, pending),
    message,
    delivery: codeDelivery({ channel: message.channel, destination: request.value, attribute: request.attribute }),
  };
}
