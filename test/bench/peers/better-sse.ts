/**
 * Peer (b): better-sse as its documentation shows it: a session per request,
 * registered on one channel, and `channel.broadcast(data, event, { eventId })`
 * for each committed event (better-sse serializes and writes per session).
 */
import { createChannel, createSession } from 'better-sse';
import { runPeer } from './peer-app.ts';

const channel = createChannel();

await runPeer({
  name: 'better-sse',
  clients: () => channel.sessionCount,
  stream(req, res, ctx) {
    void createSession(req, res).then((session) => {
      const snapshot = ctx.snapshot();
      session.push(snapshot.data, 'snapshot', String(snapshot.seq));
      channel.register(session);
    });
  },
  committed(events) {
    for (const e of events) channel.broadcast(JSON.parse(e.json), e.type, { eventId: String(e.seq) });
  },
});
