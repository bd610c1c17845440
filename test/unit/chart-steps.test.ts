/**
 * Which state each step of a flow's sequence was taken in: what ties the state chart and the
 * sequence together (a state clicked lists its steps, a step chosen rings its state).
 */
import { describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { isWithin, stateOfSteps, stepsInState } from '../../src-renderer/lib/chart-steps.js';
import type { Step } from '../../src-renderer/lib/flow-model.js';

let seq = 0;
function step(event: Pick<SandboxEvent, 'type' | 'data'>, flow?: Step['flow']): Step {
  seq += 1;
  return {
    key: `e${seq}`,
    from: 'sandbox',
    to: 'sandbox',
    label: event.type,
    tone: 'neutral',
    dashed: false,
    time: seq,
    event: { seq, time: seq, flowId: 'f', ...event } as unknown as SandboxEvent,
    ...(flow ? { flow } : {}),
  };
}
const moved = (from: string | null, to: string, flow?: Step['flow']) => step({ type: 'flow.transitioned', data: { from, to, event: 'x' } } as never, flow);
const other = () => step({ type: 'trigger.invoked', data: {} } as never);

describe('the state each step was taken in', () => {
  const call = other();
  const found = moved(null, 'identifying.findingUser');
  const trigger = other();
  const verifying = moved('identifying.findingUser', 'password.verifyingPassword');
  const childMove = moved(null, 'elsewhere', { id: 'child', kind: 'sign-up' });
  const answer = other();
  const steps = [call, found, trigger, verifying, childMove, answer];
  const states = stateOfSteps(steps);

  it('gives a step the state the flow last settled in, a transition its own target, and nothing before the first', () => {
    expect(states.get(call.key)).toBeNull();
    expect(states.get(found.key)).toBe('identifying.findingUser');
    expect(states.get(trigger.key)).toBe('identifying.findingUser');
    expect(states.get(verifying.key)).toBe('password.verifyingPassword');
  });

  it("ignores a child flow's transitions: they are another machine's states", () => {
    expect(states.get(childMove.key)).toBe('password.verifyingPassword');
    expect(states.get(answer.key)).toBe('password.verifyingPassword');
  });

  it('lists the steps in a state, or in every state a region holds', () => {
    expect(stepsInState(steps, states, 'identifying.findingUser')).toEqual([found, trigger]);
    expect(stepsInState(steps, states, 'password')).toEqual([verifying, childMove, answer]);
    expect(stepsInState(steps, states, 'pass')).toEqual([]);
    expect(stepsInState(steps, states, 'srp.awaitingPasswordVerifier')).toEqual([]);
  });
});

it("matches each region of a parallel state's comma-separated paths, and not a state whose name merely starts alike", () => {
  expect(isWithin('a.b,c.d', 'c')).toBe(true);
  expect(isWithin('a.b,c.d', 'a.b')).toBe(true);
  expect(isWithin('a.b,c.d', 'a.c')).toBe(false);
  expect(isWithin('password.verifyingPassword', 'password.verifying')).toBe(false);
});
