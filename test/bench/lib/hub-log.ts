import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { eventIdPrefix, seqOfId } from './event-ids.ts';

export interface HubLogEntry {
  seq: number;
  event: string;
  data: string;
}

/** Events read per reconnect, well inside the hub's replay limit (20,000 by default). */
const WINDOW = 10_000;

/**
 * The hub's own record of what it sent: reconnects to `/events` with
 * `Last-Event-ID` at `afterSeq` and collects events up to `untilSeq`, a
 * window of events per connection (a longer replay would get a snapshot).
 */
export async function readHubLog(url: string, afterSeq: number, untilSeq: number): Promise<HubLogEntry[]> {
  const prefix = await eventIdPrefix(url);
  const events: HubLogEntry[] = [];
  for (let from = afterSeq; from < untilSeq; from = events.at(-1)?.seq ?? untilSeq) {
    events.push(...(await readWindow(url, `${prefix}${from}`, Math.min(untilSeq, from + WINDOW))));
  }
  return events;
}

function readWindow(url: string, lastEventId: string, untilSeq: number): Promise<HubLogEntry[]> {
  const events: HubLogEntry[] = [];
  return new Promise((resolve, reject) => {
    const req = request(`${url}/events`, { headers: { 'Last-Event-ID': lastEventId } }, (res) => {
      const parser = createParser({
        onEvent: (m) => {
          if (m.event === 'snapshot') {
            req.destroy();
            reject(new Error(`the hub no longer holds the events after ${lastEventId}`));
            return;
          }
          const seq = seqOfId(m.id);
          events.push({ seq, event: m.event ?? 'message', data: m.data });
          if (seq >= untilSeq) {
            req.destroy();
            resolve(events);
          }
        },
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => parser.feed(chunk));
      res.on('error', (err) => {
        if (events.at(-1)?.seq !== untilSeq) reject(err);
      });
    });
    req.on('error', (err) => {
      if (events.at(-1)?.seq !== untilSeq) reject(err);
    });
    req.end();
  });
}
