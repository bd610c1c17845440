/**
 * A layered layout for a flow machine's state chart, top to bottom, nested as the machine is: a
 * compound state is a region (a labelled box) whose children are laid out inside it, and the
 * region then takes its place among its siblings like any other state.
 *
 * Inside each region: back edges (found by a depth-first walk from the region's initial child)
 * are set aside, each child goes one layer below its deepest predecessor, and a few barycentre
 * sweeps order each layer to uncross the edges. A transition between states of different
 * regions counts, for this, between the children of their nearest common region that hold them.
 *
 * Each edge offers a few places along its path for its label; the first that sits on no state,
 * across no region's border and on no other label is taken.
 */
import type { MachineStateNode } from '../../shared/debugger-api';

export interface ChartNode {
  id: string;
  /** The dotted path `flow.transitioned` names it by: `password.verifyingPassword`. */
  path: string;
  label: string;
  type: MachineStateNode['type'];
  tags: string[];
  invokes: string[];
  /** A compound (or parallel) state, drawn as a region around its children. */
  region: boolean;
  /** How many regions hold it: 0 at the machine's top level. */
  depth: number;
  /** The state its parent enters first. */
  initial: boolean;
  /** How many states have a transition here. */
  incoming: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartEdge {
  from: string;
  to: string;
  events: string[];
  /** Against the layers' flow: drawn around the side. */
  back: boolean;
  path: string;
  labelX: number;
  labelY: number;
}

export interface ChartLayout {
  /** Compound states, outermost first, so each draws beneath what it holds. */
  regions: ChartNode[];
  /** Atomic and final states. */
  states: ChartNode[];
  edges: ChartEdge[];
  width: number;
  height: number;
}

const STATE_HEIGHT = 30;
const LAYER_GAP = 32;
const NODE_GAP = 18;
const CHAR_WIDTH = 6.6;
/** Around the top level's states; the root draws no box of its own. */
const MARGIN = 16;
/** Inside a region: room for its label above the children (and their initial dots and step badges), and padding. */
const REGION_TOP = 38;
const REGION_PADDING = 14;
const REGION_LABEL_CHAR_WIDTH = 7.2;
/** How far an edge drawn around the side reaches beyond the states it joins; a region with such edges is that much wider on that side. */
const LOOP_REACH = 28;
/** A layer wider than this wraps onto more rows: side-by-side regions would otherwise shrink the whole chart to fit its pane. */
const MAX_ROW_WIDTH = 480;
/** How far beside the states it passes an edge runs that goes around them. */
const GUTTER = 10;
/** An edge label's box, as the chart draws it (9.5px, bold, a little letter-spaced). */
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 12;

interface Edge {
  from: string;
  to: string;
}

type DrawnEdge = Edge & { events: string[] };

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** An edge's path, and where along it its label may go, best first. */
type RoutedEdge = Omit<ChartEdge, 'labelX' | 'labelY'> & { labelPlaces: Point[] };

const edgeKey = (edge: Edge) => `${edge.from}→${edge.to}`;

export function layoutChart(root: MachineStateNode): ChartLayout {
  const tree = indexTree(root);
  const drawn = drawnEdges(root, tree);
  const { liftedOf, layered } = layerRegions(tree, drawn);
  const grid = measure(root, layered);
  const { regions, states, boxes } = place(root, grid, drawn);
  const routed = drawn.map((edge) => {
    const { region, edge: lifted } = liftedOf.get(edgeKey(edge))!;
    const between = grid.rows.get(region)!.slice(grid.row.get(lifted.from)! + 1, grid.row.get(lifted.to)!).flat();
    const back = layered.get(region)!.back.has(edgeKey(lifted));
    const side = region === root.id ? boxes.get(region)! : 'right';
    return route(edge, boxes.get(edge.from)!, boxes.get(edge.to)!, back, side, between.map((id) => boxes.get(id)!));
  });
  return {
    regions,
    states,
    edges: placeLabels(routed, states, regions, { x: 0, y: 0, ...grid.size.get(root.id)! }),
    width: grid.size.get(root.id)!.width,
    height: grid.size.get(root.id)!.height,
  };
}

/** Each region's children in layers, from the drawn edges lifted to the children of the nearest region holding both ends. */
function layerRegions(tree: Tree, drawn: Edge[]) {
  const local = new Map<string, Edge[]>(tree.regions.map((region) => [region.id, []]));
  const liftedOf = new Map<string, { region: string; edge: Edge }>();
  for (const edge of drawn) {
    const lifted = lift(tree, edge)!;
    liftedOf.set(edgeKey(edge), lifted);
    const edges = local.get(lifted.region)!;
    if (!edges.some((e) => edgeKey(e) === edgeKey(lifted.edge))) edges.push(lifted.edge);
  }
  const layered = new Map(tree.regions.map((region) => [region.id, layerRegion(region, local.get(region.id)!)]));
  return { liftedOf, layered };
}

interface Grid {
  size: Map<string, { width: number; height: number }>;
  /** Each state's place inside its region. */
  offset: Map<string, { x: number; y: number }>;
  /** Each region's rows of children, top to bottom; and each child's row. */
  rows: Map<string, string[][]>;
  row: Map<string, number>;
}

/** Every state's size, innermost first, and its place in its region's rows (a layer too wide wraps). */
function measure(root: MachineStateNode, layered: Map<string, { layers: string[][]; back: Set<string> }>): Grid {
  const grid: Grid = { size: new Map(), offset: new Map(), rows: new Map(), row: new Map() };
  const sizeOf = (state: MachineStateNode): { width: number; height: number } => {
    if (state.states.length === 0) return { width: stateWidth(state.key), height: STATE_HEIGHT };
    state.states.forEach((child) => grid.size.set(child.id, sizeOf(child)));
    const isRoot = state === root;
    const { layers, back } = layered.get(state.id)!;
    const loops = back.size > 0 ? LOOP_REACH : 0;
    const left = isRoot ? MARGIN + loops : REGION_PADDING;
    const right = (isRoot ? MARGIN : REGION_PADDING) + loops;
    const top = isRoot ? MARGIN : REGION_TOP;
    const bottom = isRoot ? MARGIN : REGION_PADDING;
    const rows = layers.flatMap((layer) => wrap(layer, grid.size)).map((row) => {
      const sizes = row.map((id) => grid.size.get(id)!);
      return { row, sizes, width: rowWidth(sizes), height: Math.max(...sizes.map((s) => s.height)) };
    });
    const labelWidth = isRoot ? 0 : Math.round(state.key.length * REGION_LABEL_CHAR_WIDTH) + 2 * REGION_PADDING;
    const inner = Math.max(...rows.map((r) => r.width), labelWidth - left - right, isRoot ? 200 : 0);
    grid.rows.set(state.id, rows.map((r) => r.row));
    let y = top;
    for (const [index, { row, sizes, width, height }] of rows.entries()) {
      let x = left + (inner - width) / 2;
      row.forEach((id, i) => {
        grid.row.set(id, index);
        grid.offset.set(id, { x, y });
        x += sizes[i]!.width + NODE_GAP;
      });
      y += height + LAYER_GAP;
    }
    return { width: left + inner + right, height: (rows.length ? y - LAYER_GAP : y) + bottom };
  };
  grid.size.set(root.id, sizeOf(root));
  return grid;
}

/** Every state at its place in the chart, regions apart from the states they hold. */
function place(root: MachineStateNode, grid: Grid, drawn: Edge[]) {
  const regions: ChartNode[] = [];
  const states: ChartNode[] = [];
  const boxes = new Map<string, Box>([[root.id, { x: 0, y: 0, ...grid.size.get(root.id)! }]]);
  const visit = (state: MachineStateNode, parent: MachineStateNode, depth: number) => {
    const at = boxes.get(parent.id)!;
    const offset = grid.offset.get(state.id)!;
    const box = { x: at.x + offset.x, y: at.y + offset.y, ...grid.size.get(state.id)! };
    boxes.set(state.id, box);
    const region = state.states.length > 0;
    (region ? regions : states).push({
      id: state.id,
      path: state.path,
      label: state.key,
      type: state.type,
      tags: state.tags,
      invokes: state.invokes,
      region,
      depth,
      initial: parent.initial === state.id,
      incoming: drawn.filter((e) => e.to === state.id).length,
      ...box,
    });
    state.states.forEach((child) => visit(child, state, depth + 1));
  };
  root.states.forEach((child) => visit(child, root, 0));
  return { regions, states, boxes };
}

function stateWidth(label: string): number {
  return Math.max(84, Math.round(label.length * CHAR_WIDTH) + 34);
}

const rowWidth = (sizes: { width: number }[]) => sizes.reduce((sum, s) => sum + s.width, 0) + NODE_GAP * Math.max(0, sizes.length - 1);

/** The layer as rows no wider than MAX_ROW_WIDTH (a state wider than that alone on its row). */
function wrap(layer: string[], size: Map<string, { width: number }>): string[][] {
  const rows: string[][] = [[]];
  for (const id of layer) {
    const row = rows[rows.length - 1]!;
    if (row.length > 0 && rowWidth([...row, id].map((s) => size.get(s)!)) > MAX_ROW_WIDTH) rows.push([id]);
    else row.push(id);
  }
  return rows;
}

interface Tree {
  parent: Map<string, string>;
  byId: Map<string, MachineStateNode>;
  /** The root and every state with children. */
  regions: MachineStateNode[];
}

function indexTree(root: MachineStateNode): Tree {
  const tree: Tree = { parent: new Map(), byId: new Map([[root.id, root]]), regions: [] };
  const walk = (state: MachineStateNode) => {
    if (state.states.length) tree.regions.push(state);
    for (const child of state.states) {
      tree.parent.set(child.id, state.id);
      tree.byId.set(child.id, child);
      walk(child);
    }
  };
  walk(root);
  return tree;
}

/** `id` and the regions holding it, innermost first, up to the root. */
function ancestry(tree: Tree, id: string): string[] {
  const chain = [id];
  for (let at = tree.parent.get(id); at !== undefined; at = tree.parent.get(at)) chain.push(at);
  return chain;
}

/** The edge between the children of the nearest region holding both ends; none when one end holds the other. */
function lift(tree: Tree, edge: Edge): { region: string; edge: Edge } | undefined {
  const from = ancestry(tree, edge.from).reverse();
  const to = ancestry(tree, edge.to).reverse();
  let shared = 0;
  while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared++;
  if (shared === from.length || shared === to.length) return undefined;
  return { region: from[shared - 1]!, edge: { from: from[shared]!, to: to[shared]! } };
}

/** One edge per pair of states a transition joins, labelled with its events; the root's own transitions and a state's into itself or its own region are left out. */
function drawnEdges(root: MachineStateNode, tree: Tree): DrawnEdge[] {
  const edges = new Map<string, DrawnEdge>();
  for (const state of tree.byId.values()) {
    if (state === root) continue;
    for (const transition of state.transitions) {
      for (const target of transition.targets) {
        if (!tree.byId.has(target) || target === root.id || !lift(tree, { from: state.id, to: target })) continue;
        const key = edgeKey({ from: state.id, to: target });
        const edge = edges.get(key) ?? { from: state.id, to: target, events: [] };
        const label = eventLabel(transition.event);
        if (label && !edge.events.includes(label)) edge.events.push(label);
        edges.set(key, edge);
      }
    }
  }
  return [...edges.values()];
}

/** A region's children in layers, and which of the edges among them run back up. */
function layerRegion(region: MachineStateNode, edges: Edge[]): { layers: string[][]; back: Set<string> } {
  const children = region.states.map((s) => s.id);
  const outgoing = new Map<string, string[]>(children.map((id) => [id, []]));
  for (const edge of edges) outgoing.get(edge.from)!.push(edge.to);

  // Back edges: a depth-first walk from the initial child (then from any child not reached).
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
  const initial = region.initial && outgoing.has(region.initial) ? region.initial : children[0];
  if (initial) visit(initial);
  for (const id of children) if (!visited.has(id)) visit(id);

  // Longest-path layers over the forward edges.
  const forward = edges.filter((e) => !back.has(edgeKey(e)));
  const layer = new Map<string, number>(children.map((id) => [id, 0]));
  for (let changed = true, rounds = 0; changed && rounds < children.length; rounds++) {
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
  for (const id of children) (layers[layer.get(id)!] ??= []).push(id);
  orderLayers(layers, forward);
  return { layers, back };
}

/** Reorders each layer by the mean position of its neighbours, down then up, a few times. */
function orderLayers(layers: string[][], edges: Edge[]): void {
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

/** Whether the straight line between two points runs through the box (give or take a few pixels). */
function crosses(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  const at = (y: number) => x1 + ((x2 - x1) * (y - y1)) / (y2 - y1 || 1);
  const [a, b] = [at(box.y), at(box.y + box.height)].sort((p, q) => p - q);
  return b! >= box.x - 4 && a! <= box.x + box.width + 4;
}

/**
 * A forward edge curves down from the bottom of one state to the top of the other, and around
 * the side of any state of the rows between that it would run through. Any other edge loops
 * around a side: inside a region its right side (where the region keeps room for it), at the
 * top level the side of the chart nearer to it.
 */
function route(edge: DrawnEdge, from: Box, to: Box, back: boolean, side: 'right' | Box, between: Box[]): RoutedEdge {
  const fromX = from.x + from.width / 2;
  const toX = to.x + to.width / 2;
  if (!back && to.y >= from.y + from.height) {
    const y1 = from.y + from.height;
    const y2 = to.y;
    const blocked = between.filter((box) => crosses(fromX, y1, toX, y2, box));
    if (blocked.length > 0) {
      const left = Math.min(...blocked.map((b) => b.x)) - GUTTER;
      const right = Math.max(...blocked.map((b) => b.x + b.width)) + GUTTER;
      const x = Math.abs(left - (fromX + toX) / 2) < Math.abs(right - (fromX + toX) / 2) ? left : right;
      const top = Math.min(...blocked.map((b) => b.y));
      const bottom = Math.max(...blocked.map((b) => b.y + b.height));
      const [above, below] = [(y1 + top) / 2, (bottom + y2) / 2];
      const into = [{ x: fromX, y: y1 }, { x: fromX, y: above }, { x, y: above }, { x, y: top }] as const;
      const outOf = [{ x, y: bottom }, { x, y: below }, { x: toX, y: below }, { x: toX, y: y2 }] as const;
      return {
        ...edge,
        back,
        path: `M ${fromX} ${y1} C ${fromX} ${above}, ${x} ${above}, ${x} ${top} L ${x} ${bottom} C ${x} ${below}, ${toX} ${below}, ${toX} ${y2}`,
        labelPlaces: [{ x, y: (top + bottom) / 2 }, bezier(0.5, ...outOf), bezier(0.5, ...into), { x, y: top + LABEL_HEIGHT }, { x, y: bottom - LABEL_HEIGHT }],
      };
    }
    const bend = (y2 - y1) / 2;
    const curve = [{ x: fromX, y: y1 }, { x: fromX, y: y1 + bend }, { x: toX, y: y2 - bend }, { x: toX, y: y2 }] as const;
    return {
      ...edge,
      back,
      path: `M ${fromX} ${y1} C ${fromX} ${y1 + bend}, ${toX} ${y2 - bend}, ${toX} ${y2}`,
      labelPlaces: [0.5, 0.35, 0.65, 0.2, 0.8].map((t) => bezier(t, ...curve)),
    };
  }
  const leftSide = side !== 'right' && fromX < side.x + side.width / 2;
  const x1 = leftSide ? from.x : from.x + from.width;
  const x2 = leftSide ? to.x : to.x + to.width;
  const y1 = from.y + Math.min(from.height, STATE_HEIGHT) / 2;
  const y2 = to.y + Math.min(to.height, STATE_HEIGHT) / 2;
  const reach = leftSide ? Math.min(x1, x2) - LOOP_REACH : Math.max(x1, x2) + LOOP_REACH;
  return {
    ...edge,
    back,
    path: `M ${x1} ${y1} C ${reach} ${y1}, ${reach} ${y2}, ${x2} ${y2}`,
    labelPlaces: [{ x: reach, y: (y1 + y2) / 2 }, ...[0.35, 0.65, 0.2, 0.8].map((t) => bezier(t, { x: x1, y: y1 }, { x: reach, y: y1 }, { x: reach, y: y2 }, { x: x2, y: y2 }))],
  };
}

/** The point at `t` of the cubic Bézier curve from p0 to p3. */
function bezier(t: number, p0: Point, p1: Point, p2: Point, p3: Point): Point {
  const u = 1 - t;
  const at = (a: number, b: number, c: number, d: number) => u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
  return { x: at(p0.x, p1.x, p2.x, p3.x), y: at(p0.y, p1.y, p2.y, p3.y) };
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const holds = (outer: Box, inner: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** An edge label's box centred at `at`, as the chart draws it. */
export function labelBox(events: readonly string[], at: Point): Box {
  const width = events.join(', ').length * LABEL_CHAR_WIDTH + 4;
  return { x: at.x - width / 2, y: at.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
}

/** A label on a state, on another label or past the chart's edge hides words; one across a region's border only looks untidy. */
const HIDING = 1000;

/**
 * Each label at the first of its edge's places where it covers no state, crosses no region's
 * border and covers no label placed before it. Where every place clashes, the edge's places are
 * tried again nudged up, down and sideways, farther each round: the first clear of states and
 * labels, inside the chart, wins (crossing a region's border, if it must), so no label ever hides a word.
 */
function placeLabels(routed: RoutedEdge[], states: Box[], regions: Box[], chart: Box): ChartEdge[] {
  const placed: Box[] = [];
  return routed.map(({ labelPlaces, ...edge }) => {
    if (edge.events.length === 0) return { ...edge, labelX: labelPlaces[0]!.x, labelY: labelPlaces[0]!.y };
    const clashes = (box: Box) =>
      HIDING * (states.filter((state) => overlaps(box, state)).length + placed.filter((label) => overlaps(box, label)).length + (holds(chart, box) ? 0 : 1)) +
      regions.filter((region) => overlaps(box, region) && !holds(region, box)).length;
    let best = labelPlaces[0]!;
    let fewest = Infinity;
    for (const at of nudged(labelPlaces, labelBox(edge.events, best).width)) {
      const count = clashes(labelBox(edge.events, at));
      if (count < fewest) [best, fewest] = [at, count];
      if (count === 0) break;
    }
    placed.push(labelBox(edge.events, best));
    return { ...edge, labelX: best.x, labelY: best.y };
  });
}

/** The places themselves, then each nudged a little farther every round: up and down a line's height, and sideways half its width. */
function* nudged(places: Point[], width: number): Generator<Point> {
  yield* places;
  const step = LABEL_HEIGHT + 2;
  for (let round = 1; round <= 12; round++) {
    for (const at of places) {
      for (const [dx, dy] of [[0, -1], [0, 1], [-1, 0], [1, 0], [-1, -1], [1, -1], [-1, 1], [1, 1]] as const) {
        yield { x: at.x + dx * round * (width / 2 + 4), y: at.y + dy * round * step };
      }
    }
  }
}

/** Events as the chart labels them: the client's own events by name, XState's plumbing not at all. */
function eventLabel(event: string): string | undefined {
  if (event === 'always' || event.startsWith('xstate.')) return undefined;
  return event;
}
