/** The window's labels in plain words (src-renderer/lib/event-labels.ts): XState's event names, states, event types, flow kinds. */
import { describe, expect, it } from 'vitest';
import { eventSummary, eventTypeLabel, flowKindLabel, stateLabel, transitionCause, transitionLabel, words } from '../../src-renderer/lib/event-labels';

describe('transitionCause', () => {
  it('names the step an invoked actor finished or failed by the state that invoked it', () => {
    expect(transitionCause('xstate.done.actor.0.sign-in.password.verifyingPassword')).toBe('step done: verifying password');
    expect(transitionCause('xstate.error.actor.1.sign-in.identifying.preAuthentication')).toBe('step failed: pre authentication');
    expect(transitionCause('xstate.done.actor.0.forgot-password.sendingCode')).toBe('step done: sending code');
  });

  it('falls back to the state left when the actor id names none', () => {
    expect(transitionCause('xstate.done.actor.0', 'password.checkingCompromisedPassword')).toBe('step done: checking compromised password');
    expect(transitionCause('xstate.done.actor.0')).toBe('step done');
    expect(transitionCause('xstate.error.actor.custom-id', null)).toBe('step failed');
  });

  it("says XState's other events in words and hides the ones that say nothing", () => {
    expect(transitionCause('xstate.init')).toBe('on start');
    expect(transitionCause('xstate.done.state.sign-in.password')).toBe('finished password');
    expect(transitionCause('xstate.after.3000.sign-in.mfa.awaitingMfaCode')).toBe('after 3 s');
    expect(transitionCause('xstate.after.250.sign-in.x')).toBe('after 250 ms');
    expect(transitionCause('xstate.something')).toBeUndefined();
    expect(transitionCause('RESPOND_TO_AUTH_CHALLENGE')).toBe('on RESPOND_TO_AUTH_CHALLENGE');
  });
});

describe('states and transitions', () => {
  it('names a state by its innermost key, in words', () => {
    expect(stateLabel('password.verifyingPassword')).toBe('verifying password');
    expect(stateLabel('signedIn')).toBe('signed in');
    expect(stateLabel('upload.sending,download.idle')).toBe('sending, idle');
    expect(words('SMS_MFA')).toBe('SMS_MFA');
    expect(words('awaiting-client')).toBe('awaiting client');
  });

  it('says a transition with its cause', () => {
    expect(transitionLabel({ from: 'password.verifyingPassword', to: 'passwordVerified', event: 'xstate.done.actor.0.sign-in.password.verifyingPassword' })).toBe(
      'verifying password → password verified (step done: verifying password)',
    );
    expect(transitionLabel({ from: null, to: 'routing', event: 'xstate.init' })).toBe('start → routing (on start)');
    expect(transitionLabel({ from: 'a', to: 'b', event: 'xstate.internal' })).toBe('a → b');
  });
});

describe('event types and flow kinds', () => {
  it('says every event type in words, an unknown one by its own name', () => {
    expect(eventTypeLabel('flow.transitioned')).toBe('state changed');
    expect(eventTypeLabel('trigger.returned')).toBe('trigger answered');
    expect(eventTypeLabel('api.called')).toBe('API call');
    expect(eventTypeLabel('future.somethingHappened')).toBe('future something happened');
  });

  it('names the sign-in kinds in whole words and leaves the worded kinds alone', () => {
    expect(flowKindLabel('USER_SRP_AUTH')).toBe('SRP sign-in');
    expect(flowKindLabel('ADMIN_USER_PASSWORD_AUTH')).toBe('admin sign-in');
    expect(flowKindLabel('GetTokensFromRefreshToken')).toBe('token refresh');
    expect(flowKindLabel('sign-up')).toBe('sign-up');
    expect(flowKindLabel('identity-credentials')).toBe('identity-credentials');
  });
});

describe('eventSummary', () => {
  const base = { seq: 1, time: 0, flowId: 'f', poolId: 'p' };
  it('says in one line what an event says', () => {
    expect(eventSummary({ ...base, type: 'flow.transitioned', data: { from: 'password.verifyingPassword', to: 'passwordVerified', event: 'xstate.done.actor.0.sign-in.password.verifyingPassword' } })).toBe(
      'verifying password → password verified (step done: verifying password)',
    );
    expect(eventSummary({ ...base, type: 'flow.started', data: { kind: 'USER_SRP_AUTH', username: 'ada' } })).toBe('SRP sign-in for ada');
    const expires = new Date(2026, 11, 6, 10, 42, 3).getTime();
    expect(eventSummary({ ...base, type: 'flow.waiting', data: { state: 'newPassword.awaitingNewPassword', sessionExpires: expires } })).toBe(
      'awaiting new password; its Session expires at 10:42:03',
    );
    const sub = '7b1a21e8-17f2-4aeb-a047-38b668076da5';
    const nameOf = (username: string) => (username === sub ? 'ada@example.com' : username);
    expect(eventSummary({ ...base, type: 'token.issued', data: { tokenUse: 'id', clientId: 'c', username: sub } }, nameOf)).toBe('ID token for ada@example.com');
    expect(eventSummary({ ...base, type: 'token.issued', data: { tokenUse: 'access', clientId: 'c', username: sub } })).toBe(`access token for ${sub}`);
    expect(eventSummary({ ...base, type: 'flow.ended', data: { outcome: 'failure', reason: 'Incorrect username or password.' } })).toBe('failure: Incorrect username or password.');
    expect(eventSummary({ ...base, type: 'challenge.answered', data: { challengeName: 'SMS_MFA', responses: {}, correct: false } })).toBe('SMS_MFA: wrong answer');
    expect(eventSummary({ ...base, type: 'message.sent', data: { id: 1, channel: 'SMS', to: '+1555', purpose: 'ForgotPassword', body: '' } })).toBe('SMS to +1555: forgot password');
  });
});
