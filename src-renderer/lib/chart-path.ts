/**
 * Which states and edges of the chart a flow went through. Transitions report only the states
 * the machine settled in (their dotted paths); eventless states it passed through on the way
 * (`always` routing, a final child handing over to its region's `onDone`) are inferred as the
 * shortest run of such states joining two reported ones. Entering a region enters its initial
 * child, down to a state without children.
 */
import type { MachineStateNode } from '../../shared/debugger-api';

export interface ChartPath {
  /** State id → the 1-based positions at which the flow settled there. */
  visits: Map<string, number[]>;
  /** State ids passed through without settling. */
  passed: Set<string>;
  /** Region ids the flow was inside of at some point: those holding a visited or passed state. */
  entered: Set<string>;
  /** `from→to` edge keys (the transition's own state → its target) the flow took. */
  edges: Set<string>;
  current: string | null;
}

interface Chart {
  byId: Map<string, MachineStateNode>;
  parent: Map<string, MachineStateNode>;
}

function index(root: MachineStateNode): Chart & { byPath: Map<string, MachineStateNode> } {
  const chart = { byId: new Map<string, MachineStateNode>(), parent: new Map<string, MachineStateNode>(), byPath: new Map<string, MachineStateNode>() };
  const walk = (state: MachineStateNode) => {
    for (const child of state.states) {
      chart.byId.set(child.id, child);
      chart.byPath.set(child.path, child);
      chart.parent.set(child.id, state);
      walk(child);
    }
  };
  walk(root);
  return chart;
}

/** The state entering `id` settles in: a region's initial child, and its initial child, and so on. */
function settleInto(chart: Chart, id: string): string {
  let state = chart.byId.get(id);
  while (state?.initial && chart.byId.has(state.initial)) state = chart.byId.get(state.initial)!;
  return state?.id ?? id;
}

type Exit = { source: string; targets: string[] };

const isRegionDone = (event: string) => event.startsWith('xstate.done.state.');

/** A final state's way out: its region's `onDone`. */
function regionDone(chart: Chart, state: MachineStateNode): Exit[] {
  const region = chart.parent.get(state.id);
  if (state.type !== 'final' || !region || !chart.byId.has(region.id)) return [];
  return region.transitions.filter((t) => isRegionDone(t.event)).map((t) => ({ source: region.id, targets: t.targets }));
}

/** The transitions that take a flow out of `state` unprompted: its own `always` ones, or its region's `onDone` once it is final. */
function eventlessExits(chart: Chart, state: MachineStateNode): Exit[] {
  if (state.invokes.length > 0) return [];
  if (state.transitions.length > 0 && state.transitions.every((t) => t.event === 'always')) {
    return state.transitions.map((t) => ({ source: state.id, targets: t.targets }));
  }
  return regionDone(chart, state);
}

/** Every transition that can take a flow out of `state`: its own and its regions' (their `onDone` only once it is final). */
function anyExits(chart: Chart, state: MachineStateNode): Exit[] {
  const exits: Exit[] = [];
  for (let at: MachineStateNode | undefined = state; at && chart.byId.has(at.id); at = chart.parent.get(at.id)) {
    const source = at.id;
    exits.push(...at.transitions.filter((t) => !isRegionDone(t.event)).map((t) => ({ source, targets: t.targets })));
  }
  return exits.concat(regionDone(chart, state));
}

export function chartPath(root: MachineStateNode, visitedPaths: readonly string[], ended: boolean): ChartPath {
  const chart = index(root);
  const visits = new Map<string, number[]>();
  const passed = new Set<string>();
  const edges = new Set<string>();

  const settled = visitedPaths.map((path) => chart.byPath.get(path)?.id).filter((id): id is string => id !== undefined);
  settled.forEach((id, i) => visits.set(id, [...(visits.get(id) ?? []), i + 1]));

  const join = (from: string, to: string) => {
    const route = eventlessRoute(chart, from, to);
    if (!route) return;
    route.edges.forEach((edge) => edges.add(edge));
    route.passed.forEach((id) => passed.add(id));
  };
  const start = root.initial ? settleInto(chart, root.initial) : undefined;
  if (start && settled[0] && settled[0] !== start) {
    passed.add(start);
    join(start, settled[0]);
  }
  for (let i = 1; i < settled.length; i++) join(settled[i - 1]!, settled[i]!);

  const inside = new Set<string>();
  for (const id of [...visits.keys(), ...passed]) {
    for (let region = chart.parent.get(id); region && chart.byId.has(region.id); region = chart.parent.get(region.id)) inside.add(region.id);
  }
  return { visits, passed, entered: inside, edges, current: settled.length ? settled[settled.length - 1]! : ended ? null : (start ?? null) };
}

/** The shortest route from → to whose inner states are all left unprompted: its edges and those inner states; undefined if none. */
function eventlessRoute(chart: Chart, from: string, to: string): { edges: string[]; passed: string[] } | undefined {
  const previous = new Map<string, { state: string; edge: string } | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const id = queue.shift()!;
    const state = chart.byId.get(id);
    if (!state) continue;
    for (const exit of id === from ? anyExits(chart, state) : eventlessExits(chart, state)) {
      for (const target of exit.targets) {
        const next = settleInto(chart, target);
        if (previous.has(next)) continue;
        previous.set(next, { state: id, edge: `${exit.source}→${target}` });
        if (next === to) return unwind(previous, to);
        queue.push(next);
      }
    }
  }
  return undefined;
}

function unwind(previous: Map<string, { state: string; edge: string } | null>, to: string): { edges: string[]; passed: string[] } {
  const edges: string[] = [];
  const passed: string[] = [];
  for (let step = previous.get(to); step; step = previous.get(step.state)) {
    edges.unshift(step.edge);
    if (previous.get(step.state)) passed.unshift(step.state);
  }
  return { edges, passed };
}
