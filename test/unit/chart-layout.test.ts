/**
 * The state chart's layout of a nested machine, as the debugger API describes it: compound
 * states are regions holding their children, siblings never overlap, layers follow the
 * transitions, and a flow's path through the nesting is numbered and joined.
 */
import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { describeMachine } from '../../src-main/server/sandbox-api/machines.js';
import { labelBox, layoutChart, type Box, type ChartLayout, type ChartNode } from '../../src-renderer/lib/chart-layout.js';
import { machines } from '../../src-main/flows/index.js';
import { chartPath } from '../../src-renderer/lib/chart-path.js';

/** A sign-in shaped like the nested one: identify, then a password or SRP region, then tokens. */
const machine = setup({
  types: { events: {} as { type: 'FOUND' } | { type: 'ANSWER' } | { type: 'OK' } | { type: 'BAD' } | { type: 'RETRY' } | { type: 'DONE' } },
  guards: { isSrp: () => true },
}).createMachine({
  id: 'nested',
  initial: 'identifying',
  states: {
    identifying: {
      initial: 'findingUser',
      states: {
        findingUser: { on: { FOUND: 'checkingUser' } },
        checkingUser: { always: [{ guard: 'isSrp', target: '#nested.srp' }, { target: '#nested.password' }] },
      },
    },
    password: {
      initial: 'verifyingPassword',
      states: { verifyingPassword: { on: { OK: '#nested.tokens', BAD: '#nested.failed' } } },
    },
    srp: {
      initial: 'issuingChallenge',
      states: {
        issuingChallenge: { always: 'awaitingVerifier' },
        awaitingVerifier: { tags: ['awaiting-client'], on: { ANSWER: 'verifyingClaim' } },
        verifyingClaim: { on: { OK: '#nested.tokens', BAD: '#nested.failed', RETRY: 'awaitingVerifier' } },
      },
    },
    tokens: {
      initial: 'issuingTokens',
      states: { issuingTokens: { on: { DONE: 'issued' } }, issued: { type: 'final' } },
      onDone: 'signedIn',
    },
    signedIn: { type: 'final' },
    failed: { type: 'final' },
  },
});

const definition = describeMachine(machine);
const layout = layoutChart(definition);
const all = [...layout.regions, ...layout.states];
const byPath = (path: string) => all.find((node) => node.path === path)!;
const inside = (inner: ChartNode, outer: ChartNode) =>
  inner.x > outer.x && inner.y > outer.y && inner.x + inner.width < outer.x + outer.width && inner.y + inner.height < outer.y + outer.height;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('the state chart of a nested machine', () => {
  it('draws each compound state as a region holding its children, and every other state as a box', () => {
    expect(layout.regions.map((r) => r.path)).toEqual(['identifying', 'password', 'srp', 'tokens']);
    expect(layout.states.map((s) => s.path).sort()).toEqual(
      ['failed', 'identifying.checkingUser', 'identifying.findingUser', 'password.verifyingPassword', 'signedIn', 'srp.awaitingVerifier', 'srp.issuingChallenge', 'srp.verifyingClaim', 'tokens.issued', 'tokens.issuingTokens'],
    );
    for (const region of layout.regions) {
      const children = all.filter((node) => node.path.startsWith(`${region.path}.`));
      expect(children.length, region.path).toBeGreaterThan(0);
      for (const child of children) {
        expect(inside(child, region), `${child.path} inside ${region.path}`).toBe(true);
        expect(child.depth).toBe(region.depth + 1);
      }
    }
    // Room for the region's label above its first children.
    expect(byPath('srp.issuingChallenge').y - byPath('srp').y).toBeGreaterThanOrEqual(30);
  });

  it('never overlaps two states that share a region, and keeps everything inside the chart', () => {
    const parentOf = (node: ChartNode) => node.path.split('.').slice(0, -1).join('.');
    for (const a of all) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width).toBeLessThanOrEqual(layout.width);
      expect(a.y + a.height).toBeLessThanOrEqual(layout.height);
      for (const b of all) {
        if (a !== b && parentOf(a) === parentOf(b)) expect(overlap(a, b), `${a.path} and ${b.path}`).toBe(false);
      }
    }
  });

  it('lays the regions out in the order the transitions run, across the nesting', () => {
    const below = (lower: string, upper: string) => byPath(lower).y >= byPath(upper).y + byPath(upper).height;
    expect(below('srp', 'identifying')).toBe(true);
    expect(below('password', 'identifying')).toBe(true);
    expect(below('tokens', 'srp')).toBe(true);
    expect(below('signedIn', 'tokens')).toBe(true);
    expect(below('srp.verifyingClaim', 'srp.awaitingVerifier')).toBe(true);
    expect(byPath('srp').y).toBe(byPath('password').y);
  });

  it('marks the state each region enters first', () => {
    expect(all.filter((node) => node.initial).map((node) => node.path).sort()).toEqual(
      ['identifying', 'identifying.findingUser', 'password.verifyingPassword', 'srp.issuingChallenge', 'tokens.issuingTokens'],
    );
  });

  it('draws transitions between the states themselves, a loop back inside its own region', () => {
    const edge = (from: string, to: string) => layout.edges.find((e) => e.from === byPath(from).id && e.to === byPath(to).id)!;
    expect(edge('identifying.checkingUser', 'srp')).toMatchObject({ back: false, events: [] });
    expect(edge('srp.verifyingClaim', 'tokens')).toMatchObject({ back: false, events: ['OK'] });
    expect(edge('tokens', 'signedIn')).toMatchObject({ back: false });

    const retry = edge('srp.verifyingClaim', 'srp.awaitingVerifier');
    expect(retry).toMatchObject({ back: true, events: ['RETRY'] });
    const srp = byPath('srp');
    expect(retry.labelX).toBeGreaterThan(srp.x);
    expect(retry.labelX).toBeLessThan(srp.x + srp.width);
  });

  it('numbers the states a flow settled in, infers the eventless ones between, and marks the regions it entered', () => {
    const path = chartPath(definition, ['identifying.findingUser', 'srp.awaitingVerifier', 'srp.verifyingClaim', 'tokens.issuingTokens'], false);
    const id = (p: string) => byPath(p).id;
    expect([...path.visits]).toEqual([
      [id('identifying.findingUser'), [1]],
      [id('srp.awaitingVerifier'), [2]],
      [id('srp.verifyingClaim'), [3]],
      [id('tokens.issuingTokens'), [4]],
    ]);
    expect([...path.passed].sort()).toEqual([id('identifying.checkingUser'), id('srp.issuingChallenge')]);
    expect([...path.entered].sort()).toEqual([id('identifying'), id('srp'), id('tokens')]);
    expect(path.edges).toEqual(
      new Set([
        `${id('identifying.findingUser')}→${id('identifying.checkingUser')}`,
        `${id('identifying.checkingUser')}→${id('srp')}`,
        `${id('srp.issuingChallenge')}→${id('srp.awaitingVerifier')}`,
        `${id('srp.awaitingVerifier')}→${id('srp.verifyingClaim')}`,
        `${id('srp.verifyingClaim')}→${id('tokens')}`,
      ]),
    );
    expect(path.current).toBe(id('tokens.issuingTokens'));
  });

  it('follows a final child out through its region’s onDone', () => {
    const path = chartPath(definition, ['identifying.findingUser', 'srp.awaitingVerifier', 'srp.verifyingClaim', 'tokens.issuingTokens', 'signedIn'], true);
    expect(path.passed.has(byPath('tokens.issued').id)).toBe(true);
    expect(path.edges.has(`${byPath('tokens.issuingTokens').id}→${byPath('tokens.issued').id}`)).toBe(true);
    expect(path.edges.has(`${byPath('tokens').id}→${byPath('signedIn').id}`)).toBe(true);
    expect(path.current).toBe(byPath('signedIn').id);
  });

  it('starts a flow that has not settled yet in the initial state of the initial region', () => {
    expect(chartPath(definition, [], false).current).toBe(byPath('identifying.findingUser').id);
  });
});

it('wraps a layer too wide for the pane onto more rows, without overlaps', () => {
  const wide = setup({ types: { events: {} as { type: 'GO' } } }).createMachine({
    id: 'wide',
    initial: 'start',
    states: {
      start: { on: { GO: ['aaaaaaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbb', 'cccccccccccccccccccc', 'dddddddddddddddddddd', 'eeeeeeeeeeeeeeeeeeee'].map((target) => ({ target })) } },
      aaaaaaaaaaaaaaaaaaaa: {},
      bbbbbbbbbbbbbbbbbbbb: {},
      cccccccccccccccccccc: {},
      dddddddddddddddddddd: {},
      eeeeeeeeeeeeeeeeeeee: {},
    },
  });
  const { states, width } = layoutChart(describeMachine(wide));
  const start = states.find((s) => s.path === 'start')!;
  const rest = states.filter((s) => s !== start);
  expect(new Set(rest.map((s) => s.y)).size).toBeGreaterThan(1);
  expect(width).toBeLessThan(600);
  for (const a of rest) {
    expect(a.y).toBeGreaterThan(start.y + start.height);
    for (const b of rest) if (a !== b) expect(overlap(a, b), `${a.path} and ${b.path}`).toBe(false);
  }
});

it('puts an edge’s label where it covers no state, when the middle of the edge runs between two', () => {
  // The mfa region's shape: VERIFY_SOFTWARE_TOKEN skips the row of sendingMfaCode and
  // associatingSoftwareToken, passing between them where its label has no room.
  const shaped = setup({ types: { events: {} as { type: 'ASSOCIATE_SOFTWARE_TOKEN' } | { type: 'VERIFY_SOFTWARE_TOKEN' } | { type: 'ANSWER' } } }).createMachine({
    id: 'mfa-shaped',
    initial: 'deciding',
    states: {
      deciding: { always: [{ target: 'awaitingSelection' }, { target: 'awaitingSetup' }] },
      awaitingSelection: { on: { ANSWER: 'sendingCode' } },
      awaitingSetup: { on: { ASSOCIATE_SOFTWARE_TOKEN: 'associatingSoftwareToken', VERIFY_SOFTWARE_TOKEN: 'verifyingSoftwareToken' } },
      sendingCode: { always: 'awaitingCode' },
      associatingSoftwareToken: { always: 'verifyingSoftwareToken' },
      verifyingSoftwareToken: { always: 'awaitingCode' },
      awaitingCode: { type: 'final' },
    },
  });
  const { states, edges } = layoutChart(describeMachine(shaped));
  const at = (path: string) => states.find((s) => s.path === path)!;
  const sending = at('sendingCode');
  const associating = at('associatingSoftwareToken');
  expect(sending.y).toBe(associating.y); // one row between setup and verifying
  for (const edge of edges.filter((e) => e.events.length > 0)) {
    const label = labelBox(edge.events, { x: edge.labelX, y: edge.labelY });
    for (const state of states) expect(overlap(label, state), `${edge.events} on ${state.path}`).toBe(false);
  }
});

/** What hides a label's words in a drawn chart: another label or a state on it, or the chart's edge cutting it. */
function hiddenLabels(layout: ChartLayout): string[] {
  const labels = layout.edges.filter((e) => e.events.length > 0).map((e) => ({ text: e.events.join(', '), ...labelBox(e.events, { x: e.labelX, y: e.labelY }) }));
  const clashes: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (overlap(a, b)) clashes.push(`${a.text} on ${b.text}`);
    for (const state of layout.states) if (overlap(a, state)) clashes.push(`${a.text} on ${state.path}`);
    if (a.x < 0 || a.y < 0 || a.x + a.width > layout.width || a.y + a.height > layout.height) clashes.push(`${a.text} past the chart's edge`);
  });
  return clashes;
}

describe('edge labels of every flow machine', () => {
  // forgot-password drew REQUEST_CODE and RESET_PASSWORD on one another ("REQUEST_CRESET_PASSWORD").
  it.each(Object.keys(machines))('%s: no label on another label or a state, none cut by the chart\'s edge', (id) => {
    expect(hiddenLabels(layoutChart(describeMachine(machines[id]!)))).toEqual([]);
  });
});

describe('nesting of every flow machine', () => {
  // The sign-in machine nests its threat-protection steps (password.checkingCompromisedPassword, ...): drawn inside their region.
  it.each(Object.keys(machines))('%s: each compound state a region holding its children, each state drawn once', (id) => {
    const served = describeMachine(machines[id]!);
    const drawn = layoutChart(served);
    const nodes = new Map([...drawn.regions, ...drawn.states].map((node) => [node.path, node]));
    const walk = (state: typeof served, parent?: ChartNode): number => {
      const node = nodes.get(state.path)!;
      expect(node, `${id}: ${state.path} drawn`).toBeDefined();
      expect(node.region, `${id}: ${state.path} is a region`).toBe(state.states.length > 0);
      if (parent) expect(inside(node, parent), `${id}: ${state.path} inside ${parent.path}`).toBe(true);
      return 1 + state.states.reduce((sum, child) => sum + walk(child, node.region ? node : undefined), 0);
    };
    const count = served.states.reduce((sum, state) => sum + walk(state), 0);
    expect(drawn.regions.length + drawn.states.length).toBe(count);
  });
  it('draws the sign-in machine’s compromised-password check inside its password region', () => {
    const drawn = layoutChart(describeMachine(machines['sign-in']!));
    const password = drawn.regions.find((node) => node.path === 'password')!;
    const check = drawn.states.find((node) => node.path === 'password.checkingCompromisedPassword')!;
    expect(inside(check, password)).toBe(true);
  });
});
