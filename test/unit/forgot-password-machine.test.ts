import { fromPromise } from 'xstate';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src-main/debug/bus.js';
import { forgotPasswordMachine, type ForgotPasswordFlowEvent, type ForgotPasswordFlowInput, type ResetPasswordInput } from '../../src-main/flows/forgot-password/machine.js';
import { FlowRunner } from '../../src-main/flows/runner.js';
import type { SelfServiceStep } from '../../src-main/flows/self-service.js';
import { refusal, stepOf } from '../support/self-service.js';
import type { CodeDelivery } from '../../src-main/cognito/code-delivery.js';
import { randomIds } from '../../src-main/ids.js';
import { Store } from '../../src-main/store/index.js';
import type { SandboxEvent } from '../../shared/events.js';

const EMAILED: CodeDelivery = { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' };
const TEXTED: CodeDelivery = { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
const meta = { kind: 'forgot-password', poolId: 'us-east-1_Pool00001', clientId: 'client', username: 'alice', sessionMinutes: 60 };
const input: ForgotPasswordFlowInput = { poolId: 'us-east-1_Pool00001', clientId: 'client', username: 'alice', codeSent: false, clientMetadata: { from: 'ForgotPassword' } };



let store: Store;
let events: SandboxEvent[];
let runner: FlowRunner;
let calls: { effect: string; input: unknown }[];

beforeEach(async () => {
  store = await Store.open();
  const now = () => 1_700_000_000_000;
  const bus = new EventBus(store.events, now);
  events = [];
  bus.subscribe((e) => events.push(e));
  runner = new FlowRunner({ store, bus, clock: { now }, ids: randomIds });
  calls = [];
});

type Outcome<T> = T | Error;

function machine(answers: { sendCode?: Outcome<CodeDelivery>; resetPassword?: Outcome<void> }) {
  const effect = <T, I = SelfServiceStep>(name: string, answer: Outcome<T> | undefined) =>
    fromPromise<T, I>(async ({ input }) => {
      calls.push({ effect: name, input });
      if (answer instanceof Error) throw answer;
      return answer as T;
    });
  return forgotPasswordMachine.provide({
    actors: { sendCode: effect<CodeDelivery>('sendCode', answers.sendCode), resetPassword: effect<void, ResetPasswordInput>('resetPassword', answers.resetPassword) },
  });
}

function resume(answers: Parameters<typeof machine>[0], flowId: string, event: ForgotPasswordFlowEvent) {
  return runner.resume(machine(answers), store.flows.findById(flowId)!, 60, event);
}

const transitions = () => events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
const ended = () => events.find((e) => e.type === 'flow.ended')?.data;

describe('the forgot-password machine', () => {
  it('sends a code, awaits it, and ends with the password reset', async () => {
    const first = await runner.start(machine({ sendCode: EMAILED }), meta, input);
    expect(first.snapshot.value).toBe('awaitingCode');
    expect(first.snapshot.context).toMatchObject({ delivery: EMAILED, clientMetadata: { from: 'ForgotPassword' } });
    expect(calls).toEqual([{ effect: 'sendCode', input: stepOf(first.flowId, { from: 'ForgotPassword' }) }]);

    const done = await resume({ resetPassword: undefined }, first.flowId, { type: 'RESET_PASSWORD', code: '123456', password: 'N3w-Passw0rd!', clientMetadata: { from: 'ConfirmForgotPassword' } });
    expect(done.output).toEqual({ outcome: 'success' });
    expect(done.snapshot.context.clientMetadata).toEqual({ from: 'ConfirmForgotPassword' });
    expect(calls.at(-1)).toEqual({ effect: 'resetPassword', input: { ...stepOf(first.flowId, { from: 'ConfirmForgotPassword' }), code: '123456', password: 'N3w-Passw0rd!' } });
    expect(JSON.stringify(events)).not.toContain('N3w-Passw0rd!');
    expect(transitions()).toEqual(['sendingCode', 'awaitingCode', 'resettingPassword', 'passwordReset']);
    expect(ended()).toEqual({ outcome: 'success' });
  });

  it('sends a new code when asked again', async () => {
    const first = await runner.start(machine({ sendCode: EMAILED }), meta, input);
    const again = await resume({ sendCode: TEXTED }, first.flowId, { type: 'REQUEST_CODE' });
    expect(again.snapshot.value).toBe('awaitingCode');
    expect(again.snapshot.context.delivery).toEqual(TEXTED);
    expect(transitions()).toEqual(['sendingCode', 'awaitingCode', 'sendingCode', 'awaitingCode']);
  });

  it('keeps a refused reset and waits again; the next call forgets it', async () => {
    const first = await runner.start(machine({ sendCode: EMAILED }), meta, input);
    const refused = await resume({ resetPassword: refusal('ExpiredCodeException', 'Invalid code provided, please request a code again.') }, first.flowId, {
      type: 'RESET_PASSWORD',
      code: '000000',
      password: 'N3w-Passw0rd!',
    });
    expect(refused.snapshot.value).toBe('awaitingCode');
    expect(refused.snapshot.context.failure?.error).toEqual({ type: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' });
    const again = await resume({ sendCode: EMAILED }, first.flowId, { type: 'REQUEST_CODE' });
    expect(again.snapshot.context.failure).toBeUndefined();
  });

  it('keeps a refused request and waits', async () => {
    const step = await runner.start(machine({ sendCode: refusal('LimitExceededException', 'Attempt limit exceeded, please try after some time.') }), meta, input);
    expect(step.snapshot.value).toBe('awaitingCode');
    expect(step.snapshot.context.failure?.error).toMatchObject({ type: 'LimitExceededException' });
  });

  it('opens awaiting a code an administrator sent', async () => {
    const step = await runner.start(machine({}), meta, { ...input, codeSent: true });
    expect(step.snapshot.value).toBe('awaitingCode');
    expect(calls).toEqual([]);
  });

  it('fails the flow and rethrows on a fault that is not a refusal', async () => {
    const first = await runner.start(machine({ sendCode: EMAILED }), meta, input);
    await expect(resume({ resetPassword: new Error('disk on fire') }, first.flowId, { type: 'RESET_PASSWORD', code: '000000', password: 'N3w-Passw0rd!' })).rejects.toThrow('disk on fire');
    expect(store.flows.findById(first.flowId)!.outcome).toBe('failure');
  });
});
