/**
 * `GET /_sandbox/api/machines` and `/machines/{id}`: each flow machine's own definition (states
 * with their children, initial child, tags, transitions with their guards, invoked actors) as
 * plain JSON, for the debugger's state chart. Read through XState's public StateNode surface.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { MachineStateNode, MachineTransition } from '../../../shared/debugger-api.js';
import { machines } from '../../flows/index.js';
import { notFound, type ApiHandler } from './route.js';

/** Guard factories XState names its own functions after; any other function guard is an inline one. */
const GUARD_COMBINATORS = new Set(['and', 'or', 'not', 'stateIn']);

function guardName(guard: AnyTransitionDefinition['guard']): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return GUARD_COMBINATORS.has(guard.name) ? guard.name : 'inline';
  return guard.type;
}

function describeTransition(event: string, transition: AnyTransitionDefinition): MachineTransition {
  const guard = guardName(transition.guard);
  return { event, targets: (transition.target ?? []).map((state: AnyStateNode) => state.id), ...(guard && { guard }) };
}

function describeNode(node: AnyStateNode): MachineStateNode {
  const transitions = [...node.transitions].flatMap(([event, list]) => list.map((t) => describeTransition(event, t)));
  for (const always of node.always ?? []) transitions.push(describeTransition('always', always));
  const initial = node.type === 'compound' ? node.initial.target[0]?.id : undefined;
  return {
    id: node.id,
    key: node.key,
    path: node.path.join('.'),
    type: node.type,
    tags: [...node.tags],
    ...(initial && { initial }),
    states: Object.values(node.states).map(describeNode),
    transitions,
    invokes: node.invoke.map((invoke) => (typeof invoke.src === 'string' ? invoke.src : invoke.id)),
  };
}

export function describeMachine(machine: AnyStateMachine): MachineStateNode {
  return describeNode(machine.root);
}

const registered = new Map<string, AnyStateMachine>(Object.entries(machines));

export const listMachines: ApiHandler<'machines'> = (_req, res) => {
  res.json([...registered.keys()]);
};

export const getMachine: ApiHandler<'machine'> = (req, res) => {
  const machine = registered.get(req.params.id);
  if (!machine) return notFound(res, `No machine ${req.params.id}.`);
  res.json(describeMachine(machine));
};
