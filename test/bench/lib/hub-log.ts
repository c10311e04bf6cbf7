import { request } from 'node:http';
import { createParser } from 'eventsource-parser';

export interface HubLogEntry {
  seq: number;
  event: string;
  data: string;
}

/**
 * The hub's own record of what it sent: reconnects to `/events` with
 * `Last-Event-ID: afterSeq` and collects events up to `untilSeq`.
 */
export function readHubLog(url: string, afterSeq: number, untilSeq: number): Promise<HubLogEntry[]> {
  const events: HubLogEntry[] = [];
  if (afterSeq >= untilSeq) return Promise.resolve(events);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/events`, { headers: { 'Last-Event-ID': String(afterSeq) } }, (res) => {
      const parser = createParser({
        onEvent: (m) => {
          if (m.event === 'snapshot') {
            req.destroy();
            reject(new Error(`the hub no longer holds the events after ${afterSeq}`));
            return;
          }
          const seq = Number(m.id);
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
