/**
 * Which state of its machine a flow was in at each step of its sequence, so that the chart and
 * the sequence point at one another: a state clicked lists its steps, a step chosen marks its
 * state. A step belongs to the state the flow last settled in (a transition's own step to the
 * state it enters); steps before the first transition belong to none.
 */
import type { Step } from './flow-model';

/** Step key → the dotted path of the state the flow was in (null before it settled anywhere). */
export function stateOfSteps(steps: readonly Step[]): Map<string, string | null> {
  const states = new Map<string, string | null>();
  let current: string | null = null;
  for (const step of steps) {
    if (step.event.type === 'flow.transitioned' && !step.flow) current = step.event.data.to;
    states.set(step.key, current);
  }
  return states;
}

/** The states a transition names: one dotted path, or one per region of a parallel state (`a.b,c.d`). */
export const statePaths = (state: string): string[] => state.split(',').filter(Boolean);

/** Whether the flow in `state` is in `chosen`, or inside it when `chosen` is a region. */
export const isWithin = (state: string, chosen: string): boolean =>
  statePaths(state).some((path) => path === chosen || path.startsWith(`${chosen}.`));

/** The steps taken in `statePath` (or in a state it holds), in order. */
export function stepsInState(steps: readonly Step[], states: ReadonlyMap<string, string | null>, statePath: string): Step[] {
  return steps.filter((step) => {
    const state = states.get(step.key);
    return state != null && isWithin(state, statePath);
  });
}
