/**
 * Search over the flows list keeps each summary's searchable text (lib/flow-model.ts): a kept
 * text must never answer for a flow that changed (a new summary) or a person whose names
 * changed (new identifiers from the people store).
 */
import { describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../shared/events.js';
import { emptySummary, foldEvent, matchesFilters, NO_FILTERS, type FlowPerson } from '../../src-renderer/lib/flow-model.js';

const started: SandboxEvent = {
  seq: 1,
  time: 1_000,
  flowId: 'flow-1',
  poolId: 'us-east-1_Search',
  type: 'flow.started',
  data: { kind: 'USER_SRP_AUTH', clientId: 'client1', username: '0f1e2d3c-0000-4000-8000-000000000001', machine: 'sign-in' },
};
const ended: SandboxEvent = { seq: 2, time: 1_010, flowId: 'flow-1', poolId: 'us-east-1_Search', type: 'flow.ended', data: { outcome: 'failure', reason: 'Incorrect username or password.' } };
const search = (text: string) => ({ ...NO_FILTERS, search: text });
const person = (identifiers: string[]): FlowPerson => ({ filterValue: 'person:us-east-1_Search/sub', label: identifiers[0]!, identifiers });

describe('flow search', () => {
  it('finds a flow by its fields, case aside, and not by what it lacks', () => {
    const flow = foldEvent(emptySummary({ ...started, flowId: 'flow-1' }), started);
    expect(matchesFilters(flow, search('user_srp'))).toBe(true);
    expect(matchesFilters(flow, search('0F1E2D3C'))).toBe(true);
    expect(matchesFilters(flow, search('incorrect'))).toBe(false);
  });

  it('searches a flow afresh once it changed: its new summary', () => {
    const running = foldEvent(emptySummary({ ...started, flowId: 'flow-1' }), started);
    expect(matchesFilters(running, search('incorrect'))).toBe(false);
    const failed = foldEvent(running, ended);
    expect(matchesFilters(failed, search('incorrect'))).toBe(true);
    expect(matchesFilters(running, search('incorrect'))).toBe(false);
  });

  it("follows the person's names as the people store replaces them", () => {
    const flow = foldEvent(emptySummary({ ...started, flowId: 'flow-1' }), started);
    expect(matchesFilters(flow, search('ana@example.com'), person(['ana@example.com']))).toBe(true);
    expect(matchesFilters(flow, search('ana@example.com'), person(['ana.new@example.com']))).toBe(false);
    expect(matchesFilters(flow, search('ana.new'), person(['ana.new@example.com']))).toBe(true);
    expect(matchesFilters(flow, search('ana'))).toBe(false);
  });
});
