import { lookup } from 'node:dns/promises';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction, isIP } from 'node:net';

/*
 * One poster download over node:http(s) rather than fetch: fetch resolves the
 * name itself, after any check of ours, so a name could resolve to a public
 * address for the check and to 127.0.0.1 for the connection (DNS rebinding).
 * Here the name is resolved once, every address it gave is checked, and the
 * socket connects to exactly those (a `lookup` that answers with them), while
 * the Host header and TLS SNI keep the name. Every redirect hop is a new URL
 * and goes through the same checks.
 */

export interface ResolvedAddress {
  readonly address: string;
  /** 4 or 6. */
  readonly family: number;
}

/** Every address a host name resolves to. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (`getaddrinfo`, so the hosts file counts), every address in its order. */
export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, order: 'verbatim' });

/** Why a download was refused or failed; the message goes to the hub log. */
export class PosterDownloadError extends Error {
  override readonly name = 'PosterDownloadError';
}

export interface PosterFetchRules {
  resolve: Resolver;
  /** Why the hub will not connect to `address` for `url`, or `undefined` when it may. */
  refusal(url: URL, address: string): string | undefined;
  /** The `ca` for https (`trustedCa`): Node's bundled roots when undefined. */
  ca: readonly string[] | undefined;
  /** Largest body accepted. */
  maxBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The body of `url`, after every hop passed `rules`; throws `PosterDownloadError` saying why not. */
export async function fetchPoster(
  url: string,
  rules: PosterFetchRules,
  signal: AbortSignal,
): Promise<Buffer> {
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new PosterDownloadError(`only http(s) posters are fetched, not ${target.protocol}`);
    }
    const addresses = await addressesOf(target, rules.resolve, signal);
    for (const { address } of addresses) {
      const refusal = rules.refusal(target, address);
      if (refusal) throw new PosterDownloadError(`refused ${target.host}: ${refusal}`);
    }
    const res = await get(target, addresses, rules.ca, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (REDIRECTS.has(status) && location) {
      res.destroy();
      if (hop >= rules.maxRedirects)
        throw new PosterDownloadError(`more than ${rules.maxRedirects} redirects`);
      target = new URL(location, target);
      continue;
    }
    if (status !== 200) {
      res.destroy();
      throw new PosterDownloadError(`HTTP ${status}`);
    }
    return readBody(res, rules.maxBytes);
  }
}

/** The host's addresses: an IP literal as it is, a name through `resolve`. */
async function addressesOf(
  url: URL,
  resolve: Resolver,
  signal: AbortSignal,
): Promise<readonly ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  if (family !== 0) return [{ address: host, family }];
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await abortable(resolve(host), signal);
  } catch (err) {
    if (signal.aborted) throw err;
    throw new PosterDownloadError(`cannot resolve ${host}: ${(err as Error).message}`);
  }
  if (addresses.length === 0) throw new PosterDownloadError(`${host} resolves to no address`);
  return addresses;
}

/** Answers Node's connect-time lookup with the checked addresses only. */
function pinned(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all)
      callback(
        null,
        addresses.map(({ address, family }) => ({ address, family })),
      );
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

function get(
  url: URL,
  addresses: readonly ResolvedAddress[],
  ca: readonly string[] | undefined,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const https = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)({
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || (https ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { Accept: 'image/webp,image/png,image/jpeg;q=0.9' },
      // A pooled socket would skip the lookup, so each download connects afresh.
      agent: false,
      lookup: pinned(addresses),
      signal,
      ...(https && ca && { ca: [...ca] }),
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    res.destroy();
    throw new PosterDownloadError(`${declared} bytes is more than ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw new PosterDownloadError(`more than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** `promise`, or a rejection as soon as `signal` aborts (a resolver cannot be cancelled). */
async function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new PosterDownloadError('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
