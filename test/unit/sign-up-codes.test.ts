import { describe, expect, it } from 'vitest';
import { codeDelivery } from '../../src-main/cognito/code-delivery.js';
import { simulatedDelivery } from '../../src-main/cognito/simulated-delivery.js';
import { confirmationDestination, confirmUserUrl } from '../../src-main/cognito/confirmation.js';
import { renderLinkTemplate } from '../../src-main/messaging/templates.js';
import { HOUR_MS, checkCode, withAttempt, withSelfServiceState } from '../../src-main/cognito/pending-codes.js';
import type { UserPool } from '../../src-main/store/repositories/user-pools.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';

const NOW = 1_700_000_000_000;

const pool = (config: UserPool['config'] = {}) => ({ id: 'us-east-1_Pool00001', config }) as UserPool;

function user(attributes: Record<string, string> = {}, extra: StoredUser['extra'] = {}): StoredUser {
  return {
    poolId: 'us-east-1_Pool00001',
    username: 'alice',
    usernameKey: 'alice',
    sub: 'sub',
    status: 'UNCONFIRMED',
    enabled: true,
    created: NOW,
    modified: NOW,
    attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    extra,
  };
}

describe('checking a code', () => {
  const pending = { code: '123456', expires: NOW };
  it('takes the code up to its expiry', () => {
    expect(() => checkCode(pending, '123456', NOW)).not.toThrow();
  });
  it('calls a wrong code a mismatch, even once expired', () => {
    expect(() => checkCode(pending, '654321', NOW + 1)).toThrow(expect.objectContaining({ type: 'CodeMismatchException' }));
  });
  it('calls the right code past its expiry, or no code at all, expired', () => {
    expect(() => checkCode(pending, '123456', NOW + 1)).toThrow(expect.objectContaining({ type: 'ExpiredCodeException' }));
    expect(() => checkCode(undefined, '123456', NOW)).toThrow(expect.objectContaining({ type: 'ExpiredCodeException' }));
  });
});

describe('counting attempts', () => {
  it('allows the hourly allowance, then refuses until the oldest attempt is an hour old', () => {
    let counted = user();
    for (let i = 0; i < 5; i++) counted = withAttempt(counted, 'ResendConfirmationCode', NOW + i);
    expect(() => withAttempt(counted, 'ResendConfirmationCode', NOW + 10)).toThrow('Attempt limit exceeded, please try after some time.');
    expect(() => withAttempt(counted, 'ConfirmSignUp', NOW + 10)).not.toThrow();
    const later = withAttempt(counted, 'ResendConfirmationCode', NOW + HOUR_MS);
    expect(later.extra.attempts).toEqual({ ResendConfirmationCode: [NOW + 1, NOW + 2, NOW + 3, NOW + 4, NOW + HOUR_MS] });
  });
});

describe('self-service state on the user', () => {
  it('sets and removes members, leaving the others alone', () => {
    const before = user({}, { other: 1, signUpFlowId: 'flow' });
    expect(withSelfServiceState(before, { signUpFlowId: undefined, passwordResetFlowId: 'reset' }).extra).toEqual({ other: 1, passwordResetFlowId: 'reset' });
    expect(before.extra).toEqual({ other: 1, signUpFlowId: 'flow' });
  });
});

describe('where a sign-up code goes', () => {
  const both = user({ email: 'a@example.com', phone_number: '+15555550123' });
  it('prefers the phone number, then the email, among the attributes the pool auto-verifies', () => {
    expect(confirmationDestination(pool({ AutoVerifiedAttributes: ['email', 'phone_number'] }), both)).toEqual({ channel: 'SMS', attribute: 'phone_number', destination: '+15555550123' });
    expect(confirmationDestination(pool({ AutoVerifiedAttributes: ['email'] }), both)).toEqual({ channel: 'EMAIL', attribute: 'email', destination: 'a@example.com' });
    expect(confirmationDestination(pool({ AutoVerifiedAttributes: ['phone_number'] }), user({ email: 'a@example.com' }))).toBeUndefined();
    expect(confirmationDestination(pool(), both)).toBeUndefined();
  });
});

describe('confirmation links', () => {
  it('point at /confirmUser with the client, the username and the code, encoded', () => {
    expect(confirmUserUrl({ origin: 'http://127.0.0.1:9229', clientId: 'client1' }, 'a+b@c', '123456')).toBe(
      'http://127.0.0.1:9229/confirmUser?client_id=client1&user_name=a%2Bb%40c&confirmation_code=123456',
    );
  });
  it('replace every {##text##} placeholder with a link reading text', () => {
    expect(renderLinkTemplate('{##Verify##} or {##click here##}.', 'http://x/y')).toBe('<a href="http://x/y">Verify</a> or <a href="http://x/y">click here</a>.');
  });
});

describe('code deliveries', () => {
  it('mask the destination as Cognito does', () => {
    expect(codeDelivery({ channel: 'EMAIL', attribute: 'email', destination: 'zoe@example.org' })).toEqual({ Destination: 'z***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(codeDelivery({ channel: 'SMS', attribute: 'phone_number', destination: '+4915112345678' })).toEqual({ Destination: '+*********5678', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
  });
  it('are made up plausibly, and the same way every time, for users who cannot receive one', () => {
    expect(simulatedDelivery(pool(), 'ghost@example.com', 'phone_number')).toEqual({ Destination: 'g***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(simulatedDelivery(pool(), '+15555550100', 'email')).toEqual({ Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const texted = simulatedDelivery(pool(), 'ghost', 'phone_number');
    expect(texted).toMatchObject({ DeliveryMedium: 'SMS', Destination: expect.stringMatching(/^\+\*{7}\d{4}$/) });
    expect(simulatedDelivery(pool(), 'ghost', 'phone_number')).toEqual(texted);
    expect(simulatedDelivery(pool(), 'ghost', 'email')).toMatchObject({ DeliveryMedium: 'EMAIL', Destination: expect.stringMatching(/^g\*\*\*@[a-z]\*\*\*$/) });
  });
});
