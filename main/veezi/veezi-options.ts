import { readFileSync } from 'node:fs';
import type { BackoffOptions } from '../relay/backoff.ts';

/** A Veezi site the hub follows instead of an SSE feed. */
export interface VeeziOptions {
  /** The region's API base URL, e.g. `https://api.oz.veezi.com`. */
  url: string;
  /** The site token (`MARQUEE_VEEZI_TOKEN`). One of `token` and `tokenFile` is needed. */
  token?: string;
  /** A file holding the token, read again before every request, so it can be replaced while the hub runs. */
  tokenFile?: string;
  /** Sessions are polled this often. Default 30,000 ms (the CLI's minimum is 5 s; tests may go lower). */
  pollMs?: number;
  /** Site, screens, films and attributes are fetched again this often. Default 600,000 ms. */
  catalogMs?: number;
  /** Longest wait for one whole answer. Default 15,000 ms. */
  timeoutMs?: number;
  /** Retries after failures: `baseMs` 2,000, `capMs` 300,000, `slowRetryMs` (refused token) 300,000 by default. */
  backoff?: BackoffOptions;
  /** PEM certificates of a private CA the API may chain to. Default none. */
  ca?: readonly string[];
}

export const DEFAULT_VEEZI_OPTIONS = Object.freeze({
  pollMs: 30_000,
  catalogMs: 10 * 60_000,
  timeoutMs: 15_000,
  backoff: Object.freeze({ baseMs: 2_000, capMs: 5 * 60_000, slowRetryMs: 5 * 60_000 }),
});

/** Meta key: JSON list of showtime ids with sales at the last applied poll (cancelled, not removed, if they vanish). */
export const VEEZI_SOLD_KEY = 'veezi.sold';

/** Counters since start, for `/metrics` (registered by the ops side) and benchmarks. */
export interface VeeziStats {
  pollsOk: number;
  pollsFailed: number;
  /** Wall time of the latest poll, request to commit. */
  lastPollMs: number | undefined;
  /** CPU time (user + system) of the latest poll, this process. */
  lastPollCpuMs: number | undefined;
  /** Answer bytes received, all polls. */
  bytes: number;
  lastPollBytes: number;
  /** Changes committed (events sent to screens), all polls. */
  events: number;
  lastPollEvents: number;
  /** Site, screens, films and attributes fetched. */
  catalogFetches: number;
}

/** A token as a header carries it: visible ASCII, no spaces. */
const TOKEN = /^[\x21-\x7e]{1,4096}$/;

/** The token, from the option or read from its file now; throws a one-line Error when there is none. */
export function readToken(options: Pick<VeeziOptions, 'token' | 'tokenFile'>): string {
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8');
    } catch (err) {
      throw new Error(
        `cannot read the Veezi token file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        { cause: err },
      );
    }
    const token = text.trim();
    if (!TOKEN.test(token))
      throw new Error('the Veezi token file must hold one token: visible ASCII, no spaces');
    return token;
  }
  if (options.token === undefined)
    throw new Error('no Veezi token (MARQUEE_VEEZI_TOKEN or --veezi-token-file)');
  if (!TOKEN.test(options.token)) throw new Error('the Veezi token must be visible ASCII, no spaces');
  return options.token;
}
