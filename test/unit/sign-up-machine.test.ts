import { fromPromise } from 'xstate';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../src-main/debug/bus.js';
import { FlowRunner } from '../../src-main/flows/runner.js';
import { signUpMachine, type ConfirmCodeInput, type RegisterInput, type SignUpFlowEvent, type SignUpFlowInput } from '../../src-main/flows/sign-up/machine.js';
import type { SelfServiceStep } from '../../src-main/flows/self-service.js';
import { refusal, stepOf } from '../support/self-service.js';
import type { CodeDelivery } from '../../src-main/cognito/code-delivery.js';
import type { StoredUser } from '../../src-main/store/repositories/users.js';
import { randomIds } from '../../src-main/ids.js';
import { Store } from '../../src-main/store/index.js';
import type { SandboxEvent } from '../../shared/events.js';

const EMAILED: CodeDelivery = { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' };
const TEXTED: CodeDelivery = { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
const meta = { kind: 'sign-up', poolId: 'us-east-1_Pool00001', clientId: 'client', username: 'alice', sessionMinutes: 1440 };
const USER = { poolId: 'us-east-1_Pool00001', username: 'alice', usernameKey: 'alice', sub: 'sub-1', attributes: [] } as unknown as StoredUser;
const input: SignUpFlowInput = {
  poolId: 'us-east-1_Pool00001',
  clientId: 'client',
  username: 'alice',
  userSub: 'sub-1',
  registered: false,
  registration: { user: USER, password: 'Passw0rd!' },
  validationData: [{ Name: 'invite', Value: 'abc' }],
  clientMetadata: { from: 'SignUp' },
};


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

/** The machine with effects that record their input and answer as told. */
function machine(answers: { register?: Outcome<CodeDelivery | null>; sendCode?: Outcome<CodeDelivery>; confirmCode?: Outcome<void> }) {
  const effect = <T, I>(name: string, answer: Outcome<T> | undefined) =>
    fromPromise<T, I>(async ({ input }) => {
      calls.push({ effect: name, input });
      if (answer instanceof Error) throw answer;
      return answer as T;
    });
  return signUpMachine.provide({
    actors: {
      register: effect<CodeDelivery | null, RegisterInput>('register', answers.register),
      sendCode: effect<CodeDelivery, SelfServiceStep>('sendCode', answers.sendCode),
      confirmCode: effect<void, ConfirmCodeInput>('confirmCode', answers.confirmCode),
    },
  });
}

async function resume(answers: Parameters<typeof machine>[0], flowId: string, event: SignUpFlowEvent) {
  return runner.resume(machine(answers), store.flows.findById(flowId)!, 1440, event);
}

const transitions = () => events.filter((e) => e.type === 'flow.transitioned').map((e) => (e.data as { to: string }).to);
const ended = () => events.find((e) => e.type === 'flow.ended')?.data;

describe('the sign-up machine', () => {
  it('registers, awaits the code, and ends confirmed', async () => {
    const first = await runner.start(machine({ register: EMAILED }), meta, input);
    expect(first.snapshot.value).toBe('awaitingCode');
    expect(first.snapshot.context).toMatchObject({ delivery: EMAILED, validationData: input.validationData, clientMetadata: { from: 'SignUp' } });
    expect(calls).toEqual([{ effect: 'register', input: { ...stepOf(first.flowId, { from: 'SignUp' }), user: USER, password: 'Passw0rd!' } }]);
    expect(store.flows.findById(first.flowId)!.snapshot).not.toContain('Passw0rd!');
    expect(store.flows.findById(first.flowId)!.state).toBe('awaitingCode');

    const second = await resume({ confirmCode: undefined }, first.flowId, { type: 'CONFIRM', code: '123456', forceAliasCreation: true, clientMetadata: { from: 'ConfirmSignUp' } });
    expect(second.output).toEqual({ outcome: 'success' });
    expect(calls.at(-1)).toEqual({ effect: 'confirmCode', input: { ...stepOf(first.flowId, { from: 'ConfirmSignUp' }), code: '123456', forceAliasCreation: true } });
    expect(transitions()).toEqual(['registering', 'awaitingCode', 'confirming', 'confirmed']);
    expect(ended()).toEqual({ outcome: 'success' });
    expect(store.flows.findById(first.flowId)).toMatchObject({ outcome: 'success', snapshot: null });
  });

  it('resends codes while it awaits one, keeping the latest delivery', async () => {
    const first = await runner.start(machine({ register: EMAILED }), meta, input);
    const second = await resume({ sendCode: TEXTED }, first.flowId, { type: 'RESEND' });
    expect(second.snapshot.value).toBe('awaitingCode');
    expect(second.snapshot.context.delivery).toEqual(TEXTED);
    expect(second.snapshot.context.clientMetadata).toBeUndefined();
    expect(calls.at(-1)).toEqual({ effect: 'sendCode', input: stepOf(first.flowId) });
    expect(transitions()).toEqual(['registering', 'awaitingCode', 'sendingCode', 'awaitingCode']);
  });

  it('keeps a refused confirmation for the operation and waits again; the next call forgets it', async () => {
    const first = await runner.start(machine({ register: EMAILED }), meta, input);
    const refused = await resume({ confirmCode: refusal('CodeMismatchException', 'Invalid verification code provided, please try again.') }, first.flowId, {
      type: 'CONFIRM',
      code: '000000',
      forceAliasCreation: false,
    });
    expect(refused.snapshot.value).toBe('awaitingCode');
    expect(refused.snapshot.context.failure?.error).toEqual({ type: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' });
    expect(ended()).toBeUndefined();

    const confirmed = await resume({ confirmCode: undefined }, first.flowId, { type: 'CONFIRM', code: '000000', forceAliasCreation: false });
    expect(confirmed.snapshot.context.failure).toBeUndefined();
    expect(confirmed.output).toEqual({ outcome: 'success' });
  });

  it('keeps a refused resend and waits again', async () => {
    const first = await runner.start(machine({ register: EMAILED }), meta, input);
    const refused = await resume({ sendCode: refusal('LimitExceededException', 'Attempt limit exceeded, please try after some time.') }, first.flowId, {
      type: 'RESEND',
    });
    expect(refused.snapshot.value).toBe('awaitingCode');
    expect(refused.snapshot.context).toMatchObject({ delivery: EMAILED, failure: { error: { type: 'LimitExceededException' } } });
  });

  it('ends at once, successfully, when registration sent no code', async () => {
    const step = await runner.start(machine({ register: null }), meta, input);
    expect(step.output).toEqual({ outcome: 'success', reason: 'no attribute to verify: an administrator confirms the user' });
    expect(step.snapshot.value).toBe('awaitingAdministrator');
    expect(store.flows.findById(step.flowId)!.outcome).toBe('success');
  });

  it('ends as a failure when registration is refused, keeping the refusal', async () => {
    const step = await runner.start(machine({ register: refusal('UsernameExistsException', 'User already exists') }), meta, input);
    expect(step.output).toEqual({ outcome: 'failure', reason: 'UsernameExistsException: User already exists' });
    expect(step.snapshot.context.failure?.error).toEqual({ type: 'UsernameExistsException', message: 'User already exists' });
    expect(ended()).toEqual({ outcome: 'failure', reason: 'UsernameExistsException: User already exists' });
  });

  it('opens awaiting the code for a user who is registered already', async () => {
    const { registration: _none, ...registered } = input;
    const step = await runner.start(machine({}), meta, { ...registered, registered: true });
    expect(step.snapshot.value).toBe('awaitingCode');
    expect(calls).toEqual([]);
    expect(transitions()).toEqual(['awaitingCode']);
  });

  it('fails the flow and rethrows on a fault that is not a refusal', async () => {
    const first = await runner.start(machine({ register: EMAILED }), meta, input);
    await expect(resume({ confirmCode: new Error('disk on fire') }, first.flowId, { type: 'CONFIRM', code: '000000', forceAliasCreation: false })).rejects.toThrow('disk on fire');
    expect(store.flows.findById(first.flowId)!.outcome).toBe('failure');
    expect(ended()).toMatchObject({ outcome: 'failure' });
  });

  it('refuses to run an effect nobody provided', async () => {
    await expect(runner.start(signUpMachine, meta, input)).rejects.toThrow('the register effect was not provided');
  });
});
