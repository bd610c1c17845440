/**
 * The events stream replays a large stored history a page at a time (waiting for the client to
 * take each page), so it must still deliver every event once, in order, including those
 * published while the replay is under way, and stop when the client goes away mid-replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../support/sandbox.js';

const STORED = 5_000;
const POOL = 'us-east-1_ReplayTest';

describe('the events stream over a large history', () => {
  let sandbox: TestSandbox;

  const publish = (n: number) =>
    sandbox.app.bus.publish('flow.transitioned', { from: 'a', to: 'b', event: `E${n}`.padEnd(400, '.') }, { flowId: `flow-${n % 50}`, poolId: POOL });

  beforeAll(async () => {
    sandbox = await startSandbox({ historyEvents: 20_000 });
    for (let n = 0; n < STORED; n++) publish(n);
  });
  afterAll(() => sandbox?.close());

  /** Reads the stream's event ids until `until` says stop. */
  async function readIds(onChunk: (ids: number[]) => boolean, controller = new AbortController()): Promise<number[]> {
    const response = await fetch(`${sandbox.url}/_sandbox/api/events`, { signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const ids: number[] = [];
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const cut = text.lastIndexOf('\n\n');
      for (const match of text.slice(0, cut + 2).matchAll(/^id: (\d+)$/gm)) ids.push(Number(match[1]));
      text = text.slice(cut + 2);
      if (!onChunk(ids)) break;
    }
    controller.abort();
    return ids;
  }

  it('delivers every stored event and those published during the replay, once each and in order', async () => {
    const first = sandbox.app.bus.lastSeq() - STORED + 1;
    let publishedDuring = 0;
    const ids = await readIds((seen) => {
      // Mid-replay (the history is far from all here), the app goes on publishing.
      if (publishedDuring === 0 && seen.length > 0 && seen.length < STORED) {
        for (let n = 0; n < 10; n++) publish(STORED + n);
        publishedDuring = 10;
      }
      return seen.length < STORED + publishedDuring || publishedDuring === 0;
    });
    expect(publishedDuring).toBe(10);
    expect(ids).toEqual(Array.from({ length: STORED + 10 }, (_, i) => first + i));
  });

  it('delivers a live event after the replay, and stops replaying for a client that left', async () => {
    // A client that leaves after the first chunk: the server stops and goes on answering.
    await readIds(() => false);
    expect((await fetch(`${sandbox.url}/_sandbox/api/health`)).status).toBe(200);

    const total = sandbox.app.bus.lastSeq();
    let published = false;
    const ids = await readIds((seen) => {
      if (!published && seen.at(-1) === total) {
        publish(STORED + 100);
        published = true;
      }
      return seen.at(-1) !== total + 1;
    });
    expect(ids.at(-1)).toBe(total + 1);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves the stored history as JSON pages, oldest first, and the stream resumes after the last page', async () => {
    const page = async (query: string) => {
      const response = await fetch(`${sandbox.url}/_sandbox/api/events/history?${query}`);
      return { status: response.status, body: (await response.json()) as { seq: number }[] & { error?: string } };
    };
    const total = sandbox.app.bus.lastSeq();
    const seqs: number[] = [];
    for (let after = 0; ; ) {
      const { status, body } = await page(`after=${after}&limit=2000`);
      expect(status).toBe(200);
      if (body.length === 0) break;
      expect(body.length).toBeLessThanOrEqual(2_000);
      seqs.push(...body.map((event) => event.seq));
      after = body.at(-1)!.seq;
    }
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    expect(seqs.at(-1)).toBe(total);
    expect((await page('')).body).toHaveLength(1_000);

    publish(STORED + 200);
    const controller = new AbortController();
    const stream = await fetch(`${sandbox.url}/_sandbox/api/events?since=${total}`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    let text = '';
    while (!/^id: \d+$/m.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(/^id: (\d+)$/m.exec(text)![1]).toBe(String(total + 1));
  });

  it('answers a JSON 400 to a page asked for wrongly', async () => {
    for (const query of ['after=-1', 'after=x', 'limit=0', 'limit=10001', 'limit=1.5']) {
      const response = await fetch(`${sandbox.url}/_sandbox/api/events/history?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
  });
});
