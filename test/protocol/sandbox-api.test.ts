import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineStateNode } from '../../shared/debugger-api.js';
import { rawCall, startSandbox, type TestSandbox } from '../support/sandbox.js';
import { openEvents } from '../support/sse.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('the debugger API', () => {
  it('reports health', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', region: 'us-east-1' });
  });

  it('streams an api.called event for every operation, live', async () => {
    const events = await openEvents(sandbox.url);
    await expect(sandbox.cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' }))).rejects.toThrow();
    const event = await events.next((e) => e.type === 'api.called' && e.data.operation === 'DescribeUserPool');
    expect(event).toMatchObject({
      type: 'api.called',
      poolId: 'us-east-1_nothere00',
      flowId: null,
      data: {
        service: 'AWSCognitoIdentityProviderService',
        operation: 'DescribeUserPool',
        request: { UserPoolId: 'us-east-1_nothere00' },
        error: { type: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' },
        status: 400,
      },
    });
    expect(event.seq).toBeGreaterThan(0);
    expect(typeof (event.data as { ms: number }).ms).toBe('number');
    events.close();
  });

  it('resumes after Last-Event-ID with the stored history', async () => {
    const first = await openEvents(sandbox.url);
    await rawCall(sandbox.url, 'DescribeUserPool', { UserPoolId: 'us-east-1_resume001' });
    const seen = await first.next((e) => e.type === 'api.called' && (e.data.request as any).UserPoolId === 'us-east-1_resume001');
    first.close();

    await rawCall(sandbox.url, 'DescribeUserPool', { UserPoolId: 'us-east-1_resume002' });
    const resumed = await openEvents(sandbox.url, { 'last-event-id': String(seen.seq) });
    const next = await resumed.next();
    expect(next.seq).toBe(seen.seq + 1);
    expect((next.data as any).request.UserPoolId).toBe('us-east-1_resume002');
    resumed.close();
  });

  it('masks secrets in published requests', async () => {
    const events = await openEvents(sandbox.url);
    await rawCall(sandbox.url, 'AdminSetUserPassword', {
      UserPoolId: 'us-east-1_masking01',
      Username: 'alice',
      Password: 'Sup3r$ecret!',
      Permanent: true,
    });
    const event = await events.next((e) => e.type === 'api.called' && e.data.operation === 'AdminSetUserPassword');
    expect(JSON.stringify(event)).not.toContain('Sup3r$ecret!');
    expect((event.data as any).request.Password).toBe('***');
    events.close();
  });

  it('does not answer other origins', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/api/health`, { headers: { origin: 'http://evil.example.com' } });
    expect(response.status).toBe(403);
  });

  it('changes nothing when read', async () => {
    const journalSeq = () =>
      sandbox.app.store.db.read((tx) => tx.get<{ value: string }>("SELECT value FROM meta WHERE key = 'journal_seq'")!.value);
    await rawCall(sandbox.url, 'DescribeUserPool', { UserPoolId: 'us-east-1_readonly01' });
    sandbox.app.store.events.flush(); // what was published before the reads is written now
    const before = journalSeq();
    for (const path of ['health', 'outbox', 'outbox?to=a@example.com', 'flows', 'flows/nope']) {
      const response = await fetch(`${sandbox.url}/_sandbox/api/${path}`);
      expect([200, 404]).toContain(response.status);
      await response.text();
    }
    const events = await openEvents(sandbox.url);
    await events.next();
    events.close();
    expect(journalSeq()).toBe(before);
  });

  it('lists the outbox as a JSON array and answers an unknown flow with 404', async () => {
    const outbox = await fetch(`${sandbox.url}/_sandbox/api/outbox`);
    expect(Array.isArray(await outbox.json())).toBe(true);
    const flow = await fetch(`${sandbox.url}/_sandbox/api/flows/nope`);
    expect(flow.status).toBe(404);
  });

  it('serves each machine’s own definition, and answers an unknown id (constructor, __proto__ and toString too) with a JSON 404', async () => {
    const ids = (await (await fetch(`${sandbox.url}/_sandbox/api/machines`)).json()) as string[];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const machine = (await (await fetch(`${sandbox.url}/_sandbox/api/machines/${id}`)).json()) as MachineStateNode;
      expect(machine).toMatchObject({ id, path: '', type: 'compound' });
      expect(machine.states.map((state) => state.id)).toContain(machine.initial);
    }
    for (const id of ['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const response = await fetch(`${sandbox.url}/_sandbox/api/machines/${id}`);
      expect(response.status, id).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual({ error: 'not_found', message: `No machine ${id}.` });
    }
    const malformed = await fetch(`${sandbox.url}/_sandbox/api/machines/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'bad_request' });
  });

  it('serves the debugger page', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Cognito Sandbox');
  });
});
