/**
 * Peer (c), the design common in tutorials: each connection has its own
 * timer that asks the store for events after the last one it sent and writes
 * them. Interval BENCH_POLL_MS, default 1,000 ms (the usual `setInterval(…, 1000)`).
 */
import { SSE_HEADERS, formatEvent, formatRetry } from '../../../main/sse/frame.ts';
import { runPeer } from './peer-app.ts';

const POLL_MS = Number(process.env['BENCH_POLL_MS'] ?? 1000);
let clients = 0;

await runPeer({
  name: 'polling',
  clients: () => clients,
  stream(_req, res, ctx) {
    res.writeHead(200, SSE_HEADERS);
    const snapshot = ctx.snapshot();
    res.write(formatRetry(2000) + snapshot.frame);
    let last = snapshot.seq;
    clients++;
    const timer = setInterval(() => {
      const events = ctx.store.eventsAfter(last) ?? [];
      if (events.length === 0) return;
      res.write(events.map((e) => formatEvent({ id: e.seq, event: e.type, data: e.json })).join(''));
      last = events.at(-1)?.seq ?? last;
    }, POLL_MS);
    res.once('close', () => {
      clearInterval(timer);
      clients--;
    });
  },
});
