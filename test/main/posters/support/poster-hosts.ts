import { lookup } from 'node:dns/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, vi } from 'vitest';
import { deflateSync } from 'node:zlib';
import { isForbiddenAddress } from '../../../../main/posters/address-policy.ts';
import type { PosterOptions } from '../../../../main/posters/posters.ts';

const cleanups: (() => unknown)[] = [];

/** Registers `afterEach` clean-up for the hosts, caches and hubs a test makes; call once per file. */
export function useCleanups(): (fn: () => unknown) => void {
  afterEach(async () => {
    vi.useRealTimers();
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return (fn) => cleanups.push(fn);
}

/**
 * A real PNG (1×1) whose bytes differ by `n`, padded with a private chunk to
 * about `bytes`, so tests can tell posters apart and fill a cache.
 */
export function png(n = 0, bytes = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const tag = Buffer.from(`poster ${n}`);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.concat([tag, Buffer.alloc(Math.max(0, bytes - 80))])),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 30, 30]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export const image =
  (body: Buffer, type = 'image/png'): Route =>
  (_req, res) =>
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length }).end(body);

export const redirect =
  (location: string, status = 302): Route =>
  (_req, res) =>
    res.writeHead(status, { Location: location }).end();

export interface ImageHost {
  base: string;
  port: number;
  /** Requests per path. */
  hits: Record<string, number>;
  /** The Host header of every request, in order. */
  hosts: string[];
}

/**
 * A real image host on `address`, port 0. `routes` by path (`'*'` for any
 * other path); `tls` makes it https with that key and certificate.
 */
export async function imageHost(
  routes: Record<string, Route>,
  address = PUBLIC_TEST_ADDRESS,
  tls?: { key: string; cert: string },
): Promise<ImageHost> {
  const hits: Record<string, number> = {};
  const hosts: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    hosts.push(req.headers.host ?? '');
    const route = routes[req.url!] ?? routes['*'];
    if (route) route(req, res);
    else res.writeHead(404).end();
  };
  const server: Server = tls ? createTlsServer(tls, handler) : createServer(handler);
  await new Promise<void>((r) => server.listen(0, address, r));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  return { base: `${tls ? 'https' : 'http'}://${host}:${port}`, port, hits, hosts };
}

/**
 * The one loopback address tests treat as public: image hosts listen on it,
 * while 127.0.0.1 and ::1 stand for the hub's own machine and stay forbidden.
 */
export const PUBLIC_TEST_ADDRESS = '127.0.0.2';

/**
 * Poster options for a hub or cache under test: `names` resolve to the given
 * addresses, `localhost` through the system resolver (the hosts file), any
 * other name not at all (tests reach no DNS server), and the range check is
 * the real one except that `PUBLIC_TEST_ADDRESS` counts as public.
 */
export function testPosterOptions(
  names: Record<string, string[]> = {},
  calls: string[] = [],
): Required<Pick<PosterOptions, 'resolve' | 'isForbiddenAddress'>> {
  return {
    async resolve(hostname) {
      calls.push(hostname);
      const known = names[hostname];
      if (known) return known.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      if (hostname === 'localhost' || hostname === 'localhost.') return lookup('localhost', { all: true });
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    },
    isForbiddenAddress: (ip) => ip !== PUBLIC_TEST_ADDRESS && isForbiddenAddress(ip),
  };
}
