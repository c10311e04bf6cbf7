import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface ReceivedEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/**
 * A real SSE client over node:http, parsing with eventsource-parser. Unlike
 * EventSource it exposes status, headers, comments and `retry:`, and lets a
 * test reconnect with any Last-Event-ID it likes.
 */
export class SseClient {
  readonly events: ReceivedEvent[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  response: IncomingMessage | undefined;
  body = '';
  #req: ClientRequest | undefined;
  #waiters: { check: () => boolean; resolve: () => void }[] = [];
  #ended = false;

  static async connect(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    await client.#open(url, headers);
    return client;
  }

  get ended(): boolean {
    return this.#ended;
  }

  #open(url: string, headers: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const parser = createParser({
        onEvent: (m: EventSourceMessage) => {
          this.events.push({ id: m.id, event: m.event, data: m.data });
          this.#wake();
        },
        onComment: (c) => {
          this.comments.push(c);
          this.#wake();
        },
        onRetry: (ms) => (this.retry = ms),
      });
      this.#req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        this.response = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          this.body += chunk;
          if (res.statusCode === 200) parser.feed(chunk);
        });
        res.on('close', () => {
          this.#ended = true;
          this.#wake();
        });
        resolve();
      });
      this.#req.on('error', (err) => {
        this.#ended = true;
        this.#wake();
        reject(err);
      });
      this.#req.end();
    });
  }

  /** Resolves once `check` holds (re-checked on every event, comment and close). */
  until(check: () => boolean, what = 'condition', timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.#waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Waits until at least `n` events arrived. */
  count(n: number): Promise<void> {
    return this.until(() => this.events.length >= n, `${n} events`);
  }

  lastId(): string | undefined {
    return this.events.at(-1)?.id;
  }

  close(): void {
    this.#req?.destroy();
  }

  #wake(): void {
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }
}
