import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import { parseRetryAfter } from '../relay/backoff.ts';
import { summarize } from '../relay/snapshot-plan.ts';
import { VEEZI_ANSWERS, type VeeziEndpoint } from './api-schemas.ts';

/*
 * One GET against Veezi's API, over node:http (no undici timers of its own:
 * the deadline below runs on the global timers). Every answer is checked with
 * its schema; anything short of a whole, valid answer is a failure the poller
 * treats as "keep the last state".
 */

/** Why a request gave nothing usable, in the three kinds the poller treats differently. */
export type VeeziFailure =
  /** 401 or 403: the token is refused (or a CDN blocks us); retried slowly, shown offline. */
  | { kind: 'refused'; status: number; reason: string }
  /** 429: asked to wait. */
  | { kind: 'rate-limited'; retryAfterMs: number | undefined; reason: string }
  /** 5xx, a timeout, a broken connection, malformed JSON, an answer that does not parse. */
  | { kind: 'transient'; reason: string };

export type VeeziAnswer<E extends VeeziEndpoint> =
  | { ok: true; data: z.output<(typeof VEEZI_ANSWERS)[E]>; bytes: number }
  | { ok: false; failure: VeeziFailure; bytes: number };

export interface VeeziClientOptions {
  /** The region's base URL, e.g. `https://api.us.veezi.com`. */
  baseUrl: string;
  /** The site token, asked for before every request (a token file may change while the hub runs). */
  token: () => string;
  /** Longest wait for a whole answer. Default 15,000 ms. */
  timeoutMs?: number;
  /** Largest answer read. Default 32 MiB. */
  maxBytes?: number;
  /** Certificates an https API may chain to. Default: Node's bundled roots. */
  ca?: readonly string[] | undefined;
}

type Raw = { text: string; bytes: number } | { failure: VeeziFailure; bytes: number };

export class VeeziClient {
  readonly #base: URL;
  readonly #options: VeeziClientOptions;

  constructor(options: VeeziClientOptions) {
    this.#base = new URL(options.baseUrl);
    if (this.#base.protocol !== 'http:' && this.#base.protocol !== 'https:')
      throw new Error(`Veezi URL must be http:// or https://, not ${this.#base.protocol}`);
    this.#options = options;
  }

  get origin(): string {
    return this.#base.origin;
  }

  /** GETs `endpoint` (whole path, no parameters) and parses it with its schema. */
  async get<E extends VeeziEndpoint>(endpoint: E, signal?: AbortSignal): Promise<VeeziAnswer<E>> {
    let token: string;
    try {
      token = this.#options.token();
    } catch (err) {
      return { ok: false, failure: { kind: 'refused', status: 0, reason: (err as Error).message }, bytes: 0 };
    }
    const raw = await this.#fetch(endpoint, token, signal);
    if ('failure' in raw) return { ok: false, failure: raw.failure, bytes: raw.bytes };
    let json: unknown;
    try {
      json = JSON.parse(raw.text);
    } catch (err) {
      const reason = `${endpoint}: malformed JSON (${(err as Error).message})`;
      return { ok: false, failure: { kind: 'transient', reason }, bytes: raw.bytes };
    }
    const parsed = VEEZI_ANSWERS[endpoint].safeParse(json);
    if (!parsed.success) {
      const reason = `${endpoint}: unexpected answer (${summarize(parsed.error)})`;
      return { ok: false, failure: { kind: 'transient', reason }, bytes: raw.bytes };
    }
    // safeParse of an indexed schema types its data as the union of every answer.
    return { ok: true, data: parsed.data as z.output<(typeof VEEZI_ANSWERS)[E]>, bytes: raw.bytes };
  }

  #fetch(endpoint: string, token: string, signal: AbortSignal | undefined): Promise<Raw> {
    const url = new URL(this.#base.pathname.replace(/\/+$/, '') + endpoint, this.#base);
    const timeoutMs = this.#options.timeoutMs ?? 15_000;
    const maxBytes = this.#options.maxBytes ?? 32 * 1024 * 1024;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      let bytes = 0;
      let settled = false;
      const done = (value: Raw) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const transient = (reason: string) =>
        done({ failure: { kind: 'transient', reason: `${endpoint}: ${reason}` }, bytes });
      const req = request(url, {
        method: 'GET',
        headers: { VeeziAccessToken: token, Accept: 'application/json' },
        ...(this.#options.ca && { ca: [...this.#options.ca] }),
        ...(signal && { signal }),
      });
      const timer = setTimeout(() => {
        transient(`no whole answer within ${timeoutMs} ms`);
        req.destroy();
      }, timeoutMs);
      req.on('error', (err) => transient(err.message));
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > maxBytes) {
            transient(`answer larger than ${maxBytes} bytes`);
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('aborted', () => transient('the answer broke off'));
        res.on('error', (err) => transient(err.message));
        res.on('end', () => {
          if (!res.complete) return transient('the answer broke off');
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status === 200) return done({ text, bytes });
          done({ failure: failureOf(endpoint, status, res.headers, text), bytes });
        });
      });
      req.end();
    });
  }
}

/** The failure an HTTP status other than 200 means. */
export function failureOf(
  endpoint: string,
  status: number,
  headers: IncomingMessage['headers'],
  body: string,
): VeeziFailure {
  if (status === 401 || status === 403) {
    const html = /text\/html/i.test(headers['content-type'] ?? '') || /^\s*</.test(body);
    const reason = html
      ? `HTTP ${status} with an HTML page: something in front of Veezi (a CDN or proxy) blocks the hub`
      : `HTTP ${status}: Veezi refuses the token`;
    return { kind: 'refused', status, reason };
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
    return { kind: 'rate-limited', retryAfterMs, reason: `${endpoint}: HTTP 429 (rate limited)` };
  }
  return { kind: 'transient', reason: `${endpoint}: HTTP ${status}` };
}
