/**
 * What an outbox message's code is for, and what became of it, as the stores tell it now: the
 * code pending on its user (sign-up confirmation, password reset, attribute verification: kept
 * in `user.extra` until answered), the user's status (a temporary password), or the sign-in flow
 * that sent it (an MFA or one-time sign-in code lives only in that flow's Session).
 *
 * Assumptions: a code no longer pending, with no newer code of its kind sent to the same user
 * since, was used when its user shows the result (confirmed, attribute verified, password set);
 * the sandbox clears a confirmation or reset code only when it is answered right. A sign-in code
 * counts as used when its flow succeeded.
 */
import type { OutboxCodeState, OutboxEntry, OutboxMessage } from '../../../shared/debugger-api.js';
import { selfServiceState } from '../../cognito/pending-codes.js';
import type { Store } from '../../store/index.js';
import type { PendingCode, StoredUser } from '../../store/repositories/users.js';
import { pendingVerification } from '../aws-json/operations/session/attribute-verification.js';

type CodeKind = 'confirmation' | 'reset' | 'verification' | 'sign-in' | 'temporary-password';

interface Purpose {
  for: string;
  kind?: CodeKind;
}

const PURPOSES: Record<string, Purpose> = {
  SignUp: { for: 'sign-up confirmation', kind: 'confirmation' },
  ResendConfirmationCode: { for: 'sign-up confirmation (sent again)', kind: 'confirmation' },
  ForgotPassword: { for: 'forgot password', kind: 'reset' },
  AdminResetUserPassword: { for: 'password reset by an administrator', kind: 'reset' },
  GetUserAttributeVerificationCode: { for: 'attribute verification', kind: 'verification' },
  UpdateUserAttributes: { for: 'attribute verification (changed attribute)', kind: 'verification' },
  AdminUpdateUserAttributes: { for: 'attribute verification (changed by an administrator)', kind: 'verification' },
  Authentication: { for: 'sign-in code (MFA or one-time password)', kind: 'sign-in' },
  AdminCreateUser: { for: 'invitation: temporary password', kind: 'temporary-password' },
  AdaptiveAuthentication: { for: 'threat protection notice' },
};

export function purposeOf(message: Pick<OutboxMessage, 'purpose' | 'channel'>): Purpose {
  const known = PURPOSES[message.purpose];
  if (!known) return { for: message.purpose };
  if (known.kind !== 'verification') return known;
  return { ...known, for: known.for.replace('attribute', message.channel === 'SMS' ? 'phone number' : 'email') };
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

function pendingState(pending: PendingCode, now: number): OutboxCodeState {
  if (now > pending.expires) return { status: 'expired', expires: pending.expires, message: `Expired ${minutes(now - pending.expires)} ago: never answered.` };
  return { status: 'waiting', expires: pending.expires, message: `Waiting to be answered; expires in ${minutes(pending.expires - now)}.` };
}

function userOf(store: Store, message: OutboxMessage): StoredUser | undefined {
  if (message.poolId === null || message.username === null) return undefined;
  return store.users.findByKey(message.poolId, message.username) ?? store.users.findByKey(message.poolId, message.username.toLowerCase());
}

/** The verifiable attribute a message went to, by its channel. */
const attributeOf = (message: OutboxMessage) => (message.channel === 'SMS' ? 'phone_number' : 'email');

function pendingOf(user: StoredUser, kind: CodeKind, message: OutboxMessage): PendingCode | undefined {
  if (kind === 'confirmation') return selfServiceState(user).confirmationCode;
  if (kind === 'reset') return selfServiceState(user).passwordResetCode;
  return pendingVerification(user, attributeOf(message));
}

/** What the user shows once a code of this kind is answered. */
function answered(user: StoredUser, kind: CodeKind, message: OutboxMessage): boolean {
  if (kind === 'confirmation') return user.status !== 'UNCONFIRMED';
  // The sandbox clears a reset code only when ConfirmForgotPassword takes it.
  if (kind === 'reset') return true;
  return user.attributes.some((a) => a.Name === `${attributeOf(message)}_verified` && a.Value === 'true');
}

const USED: Record<CodeKind, string> = {
  confirmation: 'Used: the user is confirmed.',
  reset: 'Used: the password was reset with it.',
  verification: 'Used: the attribute is verified.',
  'sign-in': 'Used: the sign-in went through.',
  'temporary-password': 'Used: the user signed in with it and chose a password.',
};

function userCodeState(user: StoredUser, kind: CodeKind, message: OutboxMessage, newer: boolean, now: number): OutboxCodeState {
  const pending = pendingOf(user, kind, message);
  if (pending?.code === message.code) {
    if (kind === 'confirmation' && user.status !== 'UNCONFIRMED') return { status: 'unused', message: 'No longer needed: the user was confirmed without it.' };
    return pendingState(pending, now);
  }
  if (newer) return { status: 'replaced', message: 'Replaced: a newer code of the same kind went to this user.' };
  if (answered(user, kind, message)) return { status: 'used', message: USED[kind] };
  return { status: 'unused', message: 'No longer pending, never answered (the attribute changed or was deleted).' };
}

function temporaryPasswordState(user: StoredUser, newer: boolean, now: number): OutboxCodeState {
  if (newer) return { status: 'replaced', message: 'Replaced: the invitation was sent again with a new temporary password.' };
  if (user.status !== 'FORCE_CHANGE_PASSWORD') return { status: 'used', message: USED['temporary-password'] };
  const expires = user.password?.expires;
  return expires === undefined ? { status: 'waiting', message: 'Waiting: the user has not signed in with it yet.' } : pendingState({ code: '', expires }, now);
}

function signInCodeState(store: Store, message: OutboxMessage, newer: boolean, now: number): OutboxCodeState {
  const flow = message.flowId === null ? undefined : store.flows.findById(message.flowId);
  if (!flow) return { status: 'unknown', message: 'Its sign-in flow is no longer in the history.' };
  if (flow.ended === null) {
    if (newer) return { status: 'replaced', message: 'Replaced: the sign-in sent a newer code.' };
    const expires = flow.sessionExpires ?? undefined;
    if (expires !== undefined) return pendingState({ code: '', expires }, now);
    return { status: 'waiting', message: 'Waiting: the sign-in is still running.' };
  }
  if (flow.outcome === 'success' && !newer) return { status: 'used', message: USED['sign-in'] };
  if (flow.outcome === 'expired') return { status: 'expired', ...(flow.sessionExpires !== null && { expires: flow.sessionExpires }), message: "Expired with its sign-in's Session: never answered." };
  return { status: 'unused', message: `Not used: the sign-in ended (${flow.outcome ?? 'ended'}) without it.` };
}

/** Codes that replace each other: of one kind, to one user (a verification code: to one attribute), or in one sign-in flow. */
function seriesOf(message: OutboxMessage, kind: CodeKind): string {
  if (kind === 'sign-in') return `${kind}\0${message.flowId}`;
  return `${kind}\0${message.poolId}\0${message.username}${kind === 'verification' ? `\0${message.channel}` : ''}`;
}

/** The id of the newest message with a code in each series. */
function newestOfSeries(messages: readonly OutboxMessage[]): Map<string, number> {
  const newest = new Map<string, number>();
  for (const message of messages) {
    const kind = purposeOf(message).kind;
    if (message.code === null || kind === undefined) continue;
    const series = seriesOf(message, kind);
    newest.set(series, Math.max(newest.get(series) ?? 0, message.id));
  }
  return newest;
}

function codeStateOf(store: Store, message: OutboxMessage, kind: CodeKind | undefined, newest: Map<string, number>, now: number): OutboxCodeState | null {
  if (message.code === null || kind === undefined) return null;
  const newer = (newest.get(seriesOf(message, kind)) ?? 0) > message.id;
  if (kind === 'sign-in') return signInCodeState(store, message, newer, now);
  const user = userOf(store, message);
  if (!user) return { status: 'unknown', message: 'Its user no longer exists.' };
  if (kind === 'temporary-password') return temporaryPasswordState(user, newer, now);
  return userCodeState(user, kind, message, newer, now);
}

/**
 * The messages as the outbox lists them. A newer code is looked for among `all` (the messages
 * asked for), so the oldest of a long outbox may miss that they were replaced: they are then
 * judged by their user alone.
 */
export function outboxEntries(store: Store, messages: readonly OutboxMessage[], now: number): OutboxEntry[] {
  const newest = newestOfSeries(messages);
  return messages.map((message) => {
    const purpose = purposeOf(message);
    return { ...message, for: purpose.for, codeState: codeStateOf(store, message, purpose.kind, newest, now) };
  });
}
