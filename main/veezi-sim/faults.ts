import type { ServerResponse } from 'node:http';
import { seededRandom } from '../demo/random.ts';
import { seedFor } from './schedule.ts';

/**
 * What can go wrong between a hub and Veezi, on purpose:
 * - `401`: a refused credential as some gateways say it;
 * - `403`: Veezi's own refusal of a token, an empty body;
 * - `403-html`: a CDN's bot or rate check answering with a web page (not the token's fault);
 * - `429`: too many requests, with `Retry-After`;
 * - `500`: Veezi's generic ASP.NET error;
 * - `slow`: the right answer, `slowMs` late;
 * - `truncate`: a 200 whose JSON stops halfway (its length says so);
 * - `drop`: a 200 that promises the whole body and hangs up halfway.
 */
export const FAULT_KINDS = ['401', '403', '403-html', '429', '500', 'slow', 'truncate', 'drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Faults to draw from, evenly. Empty: none. */
  kinds: readonly FaultKind[];
  /** Share of requests that get one, 0–1. Default 1 (every request). */
  rate?: number;
  /** Route patterns hit (`/v1/session`, `/v4/film/:id`, `/media/:id`). Default: every Veezi API route. */
  paths?: readonly string[];
  /** Seconds a 429 asks the client to wait. Default 30. */
  retryAfterSeconds?: number;
  /** How late a slow answer is, in ms. Default 10,000. */
  slowMs?: number;
}

/** The routes faults hit when no `paths` are given: the API, not the media CDN. */
const isApiRoute = (route: string) => route.startsWith('/v1/') || route.startsWith('/v4/');

/**
 * Which requests fail, and how. Draws are seeded: the same seed and the same
 * sequence of requests fail the same way.
 */
export class Faults {
  #options: Required<FaultOptions> | undefined;
  readonly #random: () => number;

  constructor(seed: number, options?: FaultOptions) {
    this.#random = seededRandom(seedFor(seed, 0xfa017));
    this.set(options);
  }

  /** Replaces the fault set; `undefined` or no kinds turns faults off. */
  set(options: FaultOptions | undefined): void {
    this.#options =
      options && options.kinds.length > 0
        ? {
            kinds: [...options.kinds],
            rate: options.rate ?? 1,
            paths: options.paths ? [...options.paths] : [],
            retryAfterSeconds: options.retryAfterSeconds ?? 30,
            slowMs: options.slowMs ?? 10_000,
          }
        : undefined;
  }

  get options(): Readonly<Required<FaultOptions>> | undefined {
    return this.#options;
  }

  /** The fault for one request to `route`, if it gets one. */
  pick(route: string): FaultKind | undefined {
    const o = this.#options;
    if (!o) return undefined;
    if (o.paths.length > 0 ? !o.paths.includes(route) : !isApiRoute(route)) return undefined;
    if (o.rate < 1 && this.#random() >= o.rate) return undefined;
    return o.kinds[Math.floor(this.#random() * o.kinds.length)];
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

const CDN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Access denied</title></head>
<body><h1>Sorry, you have been blocked</h1>
<p>This website is using a security service to protect itself from online attacks.</p>
<p>Ray ID: 8c0ffee000000000</p></body></html>
`;

/**
 * Answers a request with fault `kind` if it is one that replaces the answer
 * (every kind but `slow`, `truncate` and `drop`, which change a real one).
 * Returns whether it did.
 */
export function answerWithFault(
  res: ServerResponse,
  kind: FaultKind,
  options: Required<FaultOptions>,
): boolean {
  const json = (status: number, message: string, headers: Record<string, string> = {}) => {
    const body = JSON.stringify({ Message: message });
    res.writeHead(status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };
  switch (kind) {
    case '401':
      json(401, 'Authorization has been denied for this request.');
      return true;
    case '403':
      res.writeHead(403, { 'Content-Length': 0 }).end();
      return true;
    case '403-html':
      res.writeHead(403, {
        'Content-Type': 'text/html; charset=UTF-8',
        'Content-Length': Buffer.byteLength(CDN_PAGE),
      });
      res.end(CDN_PAGE);
      return true;
    case '429':
      json(429, 'API calls quota exceeded.', { 'Retry-After': String(options.retryAfterSeconds) });
      return true;
    case '500':
      json(500, 'An error has occurred.');
      return true;
    default:
      return false;
  }
}

/** Sends a JSON answer, or the half of it fault `kind` lets through. */
export function sendJson(res: ServerResponse, status: number, body: string, kind?: FaultKind): void {
  const bytes = Buffer.from(body);
  const headers = { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache' };
  if (kind === 'truncate') {
    const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
    res.writeHead(status, { ...headers, 'Content-Length': half.length }).end(half);
  } else if (kind === 'drop') {
    res.writeHead(status, { ...headers, 'Content-Length': bytes.length });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
  } else {
    res.writeHead(status, { ...headers, 'Content-Length': bytes.length }).end(bytes);
  }
}
