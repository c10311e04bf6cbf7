import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../main/domain/events.ts';
import { seqOf } from '../../support/event-ids.ts';
import { SseClient } from '../../support/sse-client.ts';
import { startTestHub } from '../../support/test-hub.ts';

/** A client that opens a stream and never reads a byte of it. */
function stalledClient(url: string): Promise<Socket> {
  const { host, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: host.split(':')[0], port: Number(port) }, () => {
      socket.write(`GET /events HTTP/1.1\r\nHost: ${host}\r\nAccept: text/event-stream\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
  });
}

const bigAnnouncements = (batch: number, size: number): Change[] =>
  Array.from({ length: size }, (_, i) => ({
    type: 'announcement.upsert',
    data: { id: `a${i}`, text: `batch ${batch} ` + 'x'.repeat(480), priority: 0, source: 'local' },
  }));

describe('a client that stops reading', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  afterEach(() => hub.stop());

  it('is dropped once its unsent data passes the bound, while others keep every event', async () => {
    hub = await startTestHub({ streams: { maxBufferedBytes: 64 * 1024 } });
    const stalled = await stalledClient(hub.url);
    const healthy = await SseClient.connect(`${hub.url}/events`);
    await healthy.count(1);
    expect(hub.broadcaster.size).toBe(2);

    // ~30 MB of events: far past the kernel's socket buffers and the 64 KiB bound.
    const batches = 120;
    const perBatch = 500;
    let sent = 0;
    for (let b = 0; b < batches && hub.broadcaster.dropped === 0; b++) {
      sent += hub.store.apply(bigAnnouncements(b, perBatch)).length;
      // Let the broadcaster flush between batches, as it would between real requests.
      await new Promise((r) => setImmediate(r));
      await healthy.until(() => healthy.events.length > sent, `${sent} events`, 30_000);
    }

    expect(hub.broadcaster.dropped).toBe(1);
    expect(hub.broadcaster.size).toBe(1);
    expect(healthy.events.length).toBe(sent + 1);
    const ids = healthy.events.slice(1).map((e) => seqOf(e.id));
    expect(ids).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    stalled.destroy();
    healthy.close();
  });
});
