/**
 * Peer (a), the practical limit for Node: each commit is serialized once into
 * one Buffer and written to every open response, at once, with no limits,
 * coalescing or bookkeeping beyond a Set of responses. A new stream gets the
 * snapshot frame as one shared Buffer too.
 */
import type { ServerResponse } from 'node:http';
import { SSE_HEADERS, formatEvent, formatRetry } from '../../../main/sse/frame.ts';
import { runPeer } from './peer-app.ts';

const RETRY = Buffer.from(formatRetry(2000));
const clients = new Set<ServerResponse>();

await runPeer({
  name: 'bare',
  clients: () => clients.size,
  stream(_req, res, ctx) {
    res.writeHead(200, SSE_HEADERS);
    res.write(RETRY);
    res.write(ctx.snapshot().buffer);
    clients.add(res);
    res.once('close', () => clients.delete(res));
  },
  committed(events) {
    const frame = Buffer.from(
      events.map((e) => formatEvent({ id: e.seq, event: e.type, data: e.json })).join(''),
    );
    for (const res of clients) res.write(frame);
  },
});
