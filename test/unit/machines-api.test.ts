import { and, assign, fromPromise, not, setup } from 'xstate';
import { expect, it } from 'vitest';
import { describeMachine } from '../../src-main/server/sandbox-api/machines.js';

it('describes a machine as plain JSON: states, initial state, transitions, tags', () => {
  const machine = setup({ types: { events: {} as { type: 'GO' } | { type: 'STOP' } } }).createMachine({
    id: 'demo',
    initial: 'idle',
    states: {
      idle: { tags: ['awaiting-client'], on: { GO: { target: 'running', actions: assign({}) } } },
      running: { on: { STOP: 'done' } },
      done: { type: 'final' },
    },
  });
  const described = describeMachine(machine);
  expect(described.initial).toBe('demo.idle');
  expect(described.states.map((s) => s.key)).toEqual(['idle', 'running', 'done']);
  expect(described.states[0]).toMatchObject({ tags: ['awaiting-client'], transitions: [{ event: 'GO', targets: ['demo.running'] }] });
  expect(described.states[2]!.type).toBe('final');
  expect(JSON.parse(JSON.stringify(described))).toEqual(described);
});

it('describes a nested machine through its public definition: children, initial child, paths, guards by name, invoked actors', () => {
  const machine = setup({
    types: { events: {} as { type: 'ANSWER' } },
    actors: { verify: fromPromise(async () => true) },
    guards: { isSrp: () => true, answers: (_, _params: string) => true },
  }).createMachine({
    id: 'nested',
    initial: 'identifying',
    states: {
      identifying: { initial: 'checking', states: { checking: { always: [{ guard: 'isSrp', target: '#nested.srp' }, { target: '#nested.failed' }] } } },
      srp: {
        initial: 'awaiting',
        states: {
          awaiting: { on: { ANSWER: [{ guard: { type: 'answers', params: 'PASSWORD_VERIFIER' }, target: 'verifying' }, { guard: and(['isSrp', not('isSrp')]), target: '#nested.failed' }] } },
          verifying: { invoke: { src: 'verify', onDone: '#nested.signedIn', onError: { guard: ({ event }) => event.error !== undefined, target: '#nested.failed' } } },
        },
      },
      signedIn: { type: 'final' },
      failed: { type: 'final' },
    },
  });
  const described = describeMachine(machine);
  expect(described).toMatchObject({ id: 'nested', path: '', type: 'compound', initial: 'nested.identifying' });
  const [identifying, srp] = described.states;
  expect(identifying).toMatchObject({ path: 'identifying', type: 'compound', initial: 'nested.identifying.checking' });
  expect(identifying!.states[0]).toMatchObject({
    id: 'nested.identifying.checking',
    path: 'identifying.checking',
    transitions: [
      { event: 'always', targets: ['nested.srp'], guard: 'isSrp' },
      { event: 'always', targets: ['nested.failed'] },
    ],
  });
  expect(identifying!.states[0]!.transitions[1]).not.toHaveProperty('guard');
  const [awaiting, verifying] = srp!.states;
  expect(awaiting!.transitions.map((t) => t.guard)).toEqual(['answers', 'and']);
  expect(verifying).toMatchObject({ path: 'srp.verifying', invokes: ['verify'] });
  expect(verifying!.transitions.map((t) => [t.targets, t.guard])).toEqual([
    [['nested.signedIn'], undefined],
    [['nested.failed'], 'inline'],
  ]);
  expect(JSON.parse(JSON.stringify(described))).toEqual(described);
});
