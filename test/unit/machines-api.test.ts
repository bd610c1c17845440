import { assign, setup } from 'xstate';
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
