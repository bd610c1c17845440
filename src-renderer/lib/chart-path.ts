/**
 * Which states and edges of the chart a flow went through. Transitions report only the states
 * the machine settled in; eventless states it passed through on the way (`always` routing) are
 * inferred as the shortest run of such states joining two reported ones.
 */
import { statePath, type MachineState } from './chart-layout';

export interface ChartPath {
  /** Node id → the 1-based positions at which the flow settled there. */
  visits: Map<string, number[]>;
  /** Node ids passed through without settling. */
  passed: Set<string>;
  /** `from→to` node-id pairs the flow took. */
  edges: Set<string>;
  current: string | null;
}

function allStates(root: MachineState): MachineState[] {
  return root.states.flatMap((s) => [s, ...allStates(s)]);
}

const isEventless = (state: MachineState) =>
  state.transitions.length > 0 && state.transitions.every((t) => t.event === 'always') && state.invokes.length === 0;

export function chartPath(root: MachineState, visitedPaths: readonly string[], ended: boolean): ChartPath {
  const states = allStates(root);
  const byPath = new Map(states.map((s) => [statePath(root.id, s.id), s]));
  const byId = new Map(states.map((s) => [s.id, s]));
  const visits = new Map<string, number[]>();
  const passed = new Set<string>();
  const edges = new Set<string>();

  const settled = visitedPaths.map((path) => byPath.get(path)?.id).filter((id): id is string => id !== undefined);
  settled.forEach((id, i) => visits.set(id, [...(visits.get(id) ?? []), i + 1]));

  const join = (from: string, to: string) => {
    const route = eventlessRoute(byId, from, to);
    if (!route) return;
    for (let i = 1; i < route.length; i++) edges.add(`${route[i - 1]}→${route[i]}`);
    route.slice(1, -1).forEach((id) => passed.add(id));
  };
  if (root.initial && settled[0] && settled[0] !== root.initial) {
    passed.add(root.initial);
    join(root.initial, settled[0]);
  }
  for (let i = 1; i < settled.length; i++) join(settled[i - 1]!, settled[i]!);

  return { visits, passed, edges, current: settled.length ? settled[settled.length - 1]! : ended ? null : (root.initial ?? null) };
}

/** The shortest route from → to whose inner states are all eventless; undefined if none. */
function eventlessRoute(byId: Map<string, MachineState>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    const state = byId.get(id);
    if (!state || (id !== from && !isEventless(state))) continue;
    for (const target of state.transitions.flatMap((t) => t.targets)) {
      if (previous.has(target)) continue;
      previous.set(target, id);
      if (target === to) {
        const route = [to];
        for (let at = id; at; at = previous.get(at)!) route.unshift(at);
        return route;
      }
      queue.push(target);
    }
  }
  return undefined;
}
