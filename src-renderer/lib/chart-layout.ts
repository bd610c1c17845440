/**
 * A simple layered layout for a flow machine's state chart, top to bottom: back edges (found by
 * a depth-first walk from the initial state) are set aside, each state goes one layer below its
 * deepest predecessor, and a few barycentre sweeps order each layer to uncross the edges.
 */

/** A machine's structure as `GET /_sandbox/api/machines/{id}` describes it. */
export interface MachineState {
  id: string;
  key: string;
  type: string;
  tags: string[];
  initial?: string;
  states: MachineState[];
  transitions: { event: string; targets: string[] }[];
  invokes: string[];
}

export interface ChartNode {
  id: string;
  label: string;
  type: string;
  tags: string[];
  invokes: string[];
  /** How many states have a transition here. */
  incoming: number;
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartEdge {
  from: string;
  to: string;
  events: string[];
  back: boolean;
  path: string;
  labelX: number;
  labelY: number;
}

export interface ChartLayout {
  nodes: ChartNode[];
  edges: ChartEdge[];
  width: number;
  height: number;
  initial?: string;
}

const NODE_HEIGHT = 30;
const LAYER_GAP = 32;
const NODE_GAP = 18;
const MARGIN = 16;
const CHAR_WIDTH = 6.6;

/** Every state below the root, flattened: compound states keep their own node. */
function flatten(root: MachineState): MachineState[] {
  const out: MachineState[] = [];
  const walk = (node: MachineState) => {
    for (const child of node.states) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** The state's path below the root: `challenge.passwordVerifier` for id `sign-in.challenge.passwordVerifier`. */
export function statePath(rootId: string, id: string): string {
  return id.startsWith(`${rootId}.`) ? id.slice(rootId.length + 1) : id;
}

export function layoutChart(root: MachineState): ChartLayout {
  const states = flatten(root);
  const ids = new Set(states.map((s) => s.id));
  const edgeEvents = new Map<string, { from: string; to: string; events: string[] }>();
  for (const state of states) {
    for (const transition of state.transitions) {
      for (const target of transition.targets) {
        if (!ids.has(target) || target === state.id) continue;
        const key = `${state.id}→${target}`;
        const edge = edgeEvents.get(key) ?? { from: state.id, to: target, events: [] };
        const label = eventLabel(transition.event);
        if (label && !edge.events.includes(label)) edge.events.push(label);
        edgeEvents.set(key, edge);
      }
    }
  }
  const edges = [...edgeEvents.values()];
  const outgoing = new Map<string, string[]>(states.map((s) => [s.id, []]));
  for (const edge of edges) outgoing.get(edge.from)!.push(edge.to);

  // Back edges: a depth-first walk from the initial state (then from any state not reached).
  const back = new Set<string>();
  const visited = new Set<string>();
  const onStack = new Set<string>();
  const visit = (id: string) => {
    visited.add(id);
    onStack.add(id);
    for (const to of outgoing.get(id)!) {
      if (onStack.has(to)) back.add(`${id}→${to}`);
      else if (!visited.has(to)) visit(to);
    }
    onStack.delete(id);
  };
  const initial = root.initial && ids.has(root.initial) ? root.initial : states[0]?.id;
  if (initial) visit(initial);
  for (const state of states) if (!visited.has(state.id)) visit(state.id);

  // Longest-path layers over the forward edges.
  const forward = edges.filter((e) => !back.has(`${e.from}→${e.to}`));
  const layer = new Map<string, number>(states.map((s) => [s.id, 0]));
  for (let changed = true, rounds = 0; changed && rounds < states.length; rounds++) {
    changed = false;
    for (const edge of forward) {
      const want = layer.get(edge.from)! + 1;
      if (want > layer.get(edge.to)!) {
        layer.set(edge.to, want);
        changed = true;
      }
    }
  }

  const layers: string[][] = [];
  for (const state of states) (layers[layer.get(state.id)!] ??= []).push(state.id);
  orderLayers(layers, forward);

  const byId = new Map(states.map((s) => [s.id, s]));
  const widthOf = (s: MachineState) => Math.max(84, Math.round(s.key.length * CHAR_WIDTH) + 34);
  const rowWidths = layers.map((row) => row.reduce((sum, id) => sum + widthOf(byId.get(id)!), 0) + NODE_GAP * (row.length - 1));
  const width = Math.max(...rowWidths, 200) + MARGIN * 2;

  const nodes: ChartNode[] = [];
  layers.forEach((row, index) => {
    let x = (width - rowWidths[index]!) / 2;
    for (const id of row) {
      const state = byId.get(id)!;
      const w = widthOf(state);
      nodes.push({
        id,
        label: state.key,
        type: state.type,
        tags: state.tags,
        invokes: state.invokes,
        incoming: edges.filter((e) => e.to === id).length,
        layer: index,
        x,
        y: MARGIN + index * (NODE_HEIGHT + LAYER_GAP),
        width: w,
        height: NODE_HEIGHT,
      });
      x += w + NODE_GAP;
    }
  });
  const height = MARGIN * 2 + layers.length * NODE_HEIGHT + Math.max(0, layers.length - 1) * LAYER_GAP;
  const place = new Map(nodes.map((n) => [n.id, n]));

  return {
    nodes,
    edges: edges.map((edge) => route(edge, place.get(edge.from)!, place.get(edge.to)!, back.has(`${edge.from}→${edge.to}`), width)),
    width,
    height,
    initial,
  };
}

/** Reorders each layer by the mean position of its neighbours, down then up, a few times. */
function orderLayers(layers: string[][], edges: { from: string; to: string }[]): void {
  const position = () => {
    const pos = new Map<string, number>();
    layers.forEach((row) => row.forEach((id, i) => pos.set(id, (i + 0.5) / row.length)));
    return pos;
  };
  const sweep = (row: string[], neighbours: (id: string) => string[]) => {
    const pos = position();
    const weight = new Map(
      row.map((id, i) => {
        const near = neighbours(id).map((n) => pos.get(n)!).filter((p) => p !== undefined);
        return [id, near.length ? near.reduce((a, b) => a + b, 0) / near.length : (i + 0.5) / row.length];
      }),
    );
    row.sort((a, b) => weight.get(a)! - weight.get(b)!);
  };
  const parents = (id: string) => edges.filter((e) => e.to === id).map((e) => e.from);
  const children = (id: string) => edges.filter((e) => e.from === id).map((e) => e.to);
  for (let round = 0; round < 4; round++) {
    for (let i = 1; i < layers.length; i++) sweep(layers[i]!, parents);
    for (let i = layers.length - 2; i >= 0; i--) sweep(layers[i]!, children);
  }
}

function route(edge: { from: string; to: string; events: string[] }, from: ChartNode, to: ChartNode, back: boolean, width: number): ChartEdge {
  const fromX = from.x + from.width / 2;
  const toX = to.x + to.width / 2;
  if (!back && to.layer > from.layer) {
    const y1 = from.y + from.height;
    const y2 = to.y;
    const bend = (y2 - y1) / 2;
    return {
      ...edge,
      back,
      path: `M ${fromX} ${y1} C ${fromX} ${y1 + bend}, ${toX} ${y2 - bend}, ${toX} ${y2}`,
      labelX: (fromX + toX) / 2,
      labelY: (y1 + y2) / 2,
    };
  }
  // An edge back up (or sideways) leaves from the side and loops around the nearer margin.
  const leftSide = fromX < width / 2;
  const x1 = leftSide ? from.x : from.x + from.width;
  const x2 = leftSide ? to.x : to.x + to.width;
  const y1 = from.y + from.height / 2;
  const y2 = to.y + to.height / 2;
  const reach = leftSide ? Math.min(x1, x2) - 36 : Math.max(x1, x2) + 36;
  return {
    ...edge,
    back,
    path: `M ${x1} ${y1} C ${reach} ${y1}, ${reach} ${y2}, ${x2} ${y2}`,
    labelX: reach,
    labelY: (y1 + y2) / 2,
  };
}

/** Events as the chart labels them: the client's own events by name, XState's plumbing not at all. */
function eventLabel(event: string): string | undefined {
  if (event === 'always' || event.startsWith('xstate.')) return undefined;
  return event;
}
