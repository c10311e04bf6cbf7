import { type ClientRequest, request } from 'node:http';
import { seqOf } from '../../support/event-ids.ts';

/**
 * A lean SSE reader for hundreds of simultaneous screens: it keeps only the
 * event ids it saw, checking that each is exactly one more than the last
 * (the hub numbers every event, so a gap or a repeat shows up here), and when
 * the newest event arrived. Full parsing is the conformance tests' job.
 */
export class CountingClient {
  events = 0;
  lastId: number | undefined;
  /** Ids that were not the previous id + 1. */
  readonly faults: string[] = [];
  status: number | undefined;
  ended = false;
  lastEventAt = 0;
  /** Wall-clock arrival of the newest ids, to compare with the hub's commit times. */
  readonly #recent = new Map<number, number>();
  #req: ClientRequest | undefined;
  #rest = '';

  /** Resolves once the response headers arrived (or the request failed: then `ended`). */
  static open(url: string, headers: Record<string, string> = {}): Promise<CountingClient> {
    const client = new CountingClient();
    return new Promise((resolve) => {
      client.#req = request(
        url,
        { headers: { Accept: 'text/event-stream', ...headers }, agent: false },
        (res) => {
          client.status = res.statusCode;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => client.#feed(chunk));
          res.on('close', () => (client.ended = true));
          resolve(client);
        },
      );
      client.#req.on('error', () => {
        client.ended = true;
        resolve(client);
      });
      client.#req.end();
    });
  }

  #feed(chunk: string): void {
    const lines = (this.#rest + chunk).split('\n');
    this.#rest = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('id: ')) continue;
      const id = seqOf(line.slice(4));
      if (this.lastId !== undefined && id !== this.lastId + 1 && this.faults.length < 20) {
        this.faults.push(`${this.lastId} then ${id}`);
      }
      this.lastId = id;
      this.events++;
      this.lastEventAt = performance.now();
      this.#recent.set(id, Date.now());
      if (this.#recent.size > 256) this.#recent.delete(this.#recent.keys().next().value!);
    }
  }

  /** When (`Date.now()`) event `id` arrived, if it is among the newest 256. */
  receivedAt(id: number): number | undefined {
    return this.#recent.get(id);
  }

  close(): void {
    this.#req?.destroy();
  }
}
