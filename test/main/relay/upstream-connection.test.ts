import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openStream, type Outcome } from '../../../main/relay/upstream-connection.ts';

/** Holds the event loop for `ms`: what a long commit or a GC pause does to the relay. */
function holdTheLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy on purpose: nothing else may run, as in a stalled process
  }
}

describe('the upstream stream’s idle limit', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('does not take bytes the hub was too busy to read for silence from the upstream', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': open\n\n');
      const beat = setInterval(() => res.write(': heartbeat\n\n'), 20);
      res.on('close', () => clearInterval(beat));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;

    let chunks = 0;
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const attempt = openStream({
      url: new URL(`http://127.0.0.1:${port}/events`),
      headers: {},
      sensitiveHeaders: [],
      connectTimeoutMs: 2_000,
      idleTimeoutMs: 150,
      now: () => performance.now(),
      onOpen: () => opened(),
      onChunk: () => void chunks++,
    });
    let outcome: Outcome | undefined;
    void attempt.done.then((o) => (outcome = o));
    await open;

    // The loop is held in the check phase: on the next turn the idle timer is
    // due before the poll phase has read the heartbeats waiting in the socket.
    const before = chunks;
    await new Promise<void>((r) =>
      setImmediate(() => {
        holdTheLoop(400);
        r();
      }),
    );
    // Bounded: heartbeats come every 20 ms, so the next read is at most a few turns away.
    for (let turn = 0; turn < 200 && chunks === before && !outcome; turn++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setImmediate(r));
    expect(outcome).toBeUndefined();
    expect(chunks).toBeGreaterThan(before);
    attempt.abort();
    expect(await attempt.done).toEqual({ kind: 'aborted' });
  });
});
