import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SseClient } from '../../support/sse-client.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { availability, basics } from '../store/fixtures.ts';

/** Everything a raw connection receives until the hub closes it. */
function rawStream(url: string, request: string): { text: () => string; closed: Promise<void> } {
  const { port } = new URL(url);
  let text = '';
  const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write(request));
  socket.setEncoding('latin1').on('data', (d: string) => (text += d));
  return { text: () => text, closed: new Promise((resolve) => socket.once('close', () => resolve())) };
}

describe('event streams written straight to the connection', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  const clients: SseClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    vi.useRealTimers();
    await hub.stop();
  });

  it('carries the hub’s security headers and chunked framing over HTTP/1.1', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const c = await SseClient.connect(`${hub.url}/events`);
    clients.push(c);
    await c.count(1);
    expect(c.response?.headers['x-content-type-options']).toBe('nosniff');
    expect(c.response?.headers['transfer-encoding']).toBe('chunked');
    hub.store.apply([availability('s1', 7)]);
    await c.count(2);
    expect(c.events[1]?.event).toBe('availability');
  });

  it('sends an HTTP/1.0 client the bare stream and closes it at shutdown', async () => {
    hub = await startTestHub();
    hub.store.apply(basics());
    const raw = rawStream(hub.url, 'GET /events HTTP/1.0\r\nAccept: text/event-stream\r\n\r\n');
    await vi.waitFor(() => expect(raw.text()).toContain('event: snapshot'));
    hub.store.apply([availability('s1', 5)]);
    await vi.waitFor(() => expect(raw.text()).toContain('event: availability'));
    const [head, body] = raw.text().split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain('Connection: close');
    expect(head).not.toMatch(/transfer-encoding/i);
    // No chunk sizes in the body: it starts with the retry field itself.
    expect(body?.startsWith('retry: ')).toBe(true);
    await hub.stop();
    await raw.closed;
  });

  it('sends no heartbeat while events flow, and one within heartbeatMs of the last event', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    hub = await startTestHub({ streams: { heartbeatMs: 10_000 } });
    hub.store.apply(basics());
    const c = await SseClient.connect(`${hub.url}/events`);
    clients.push(c);
    await c.count(1);
    for (let i = 0; i < 6; i++) {
      hub.store.apply([availability('s1', 10 + i)]);
      await c.count(2 + i);
      vi.advanceTimersByTime(5_000);
    }
    expect(c.comments).toEqual([]);
    vi.advanceTimersByTime(5_000);
    await c.until(() => c.comments.length === 1, 'a heartbeat 10 s after the last event');
  });
});
