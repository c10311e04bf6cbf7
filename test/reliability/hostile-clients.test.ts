import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { type Socket, connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuth } from '../../main/api/auth/admin-auth.ts';
import { parseEventId, seqInHistory } from '../../main/domain/event-id.ts';
import { Store } from '../../main/store/store.ts';
import { basics } from '../main/store/fixtures.ts';
import { seqOf } from '../support/event-ids.ts';
import { SseClient } from '../support/sse-client.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type Child, fdCount, rssAfterGc, rssOf, spawnHubWith } from './support/processes.ts';

/*
 * A hub process under attack from the test process: clients that trickle
 * headers, floods of connections and streams, giant bodies, garbage
 * Last-Event-IDs, reconnect storms. Meanwhile five well-behaved screens must
 * keep getting every event promptly, the hub's memory must stay bounded, and
 * the process must live. Limits are set low (1 s header timeout, 50 streams)
 * so the attacks reach them quickly; the mechanisms are the production ones.
 */
const MAX_CLIENTS = 50;
const MAX_CONNECTIONS = MAX_CLIENTS + 256;
const HEADERS_TIMEOUT_MS = 1_000;
const CHECK_INTERVAL_MS = 200;
/** Hub memory may grow by this much under any attack, and must come back near it after. */
/**
 * How far the hub's RSS may grow over every attack in this file together: the
 * high-water mark of V8's heap and the allocator after floods of thousands of
 * connections, which the process keeps but reuses. Measured on two shared cores:
 * 62–67 MiB at e8d0649, 78–84 MiB with the cinema data model (bigger snapshots).
 * A leak is caught by the reconnect storm's own check: a second storm the size of
 * the first must add almost nothing.
 */
const RSS_BUDGET = 112 * 2 ** 20;
/**
 * What a third reconnect storm may leave behind, measured after a full garbage
 * collection, beyond the first two: 2,500 reconnects each keeping 7 KiB would
 * fail it. Measured: +0 to +2 MiB from the third storm on (the first two grow the
 * heap to its working size, +9 to +20 MiB; without the collection every storm
 * adds about 20 MiB, all of it garbage V8 had not yet freed).
 */
const THIRD_STORM_BUDGET = 16 * 2 ** 20;

describe('a hub under hostile clients', () => {
  const dir = tempDir();
  let hub: Child;
  let token = '';
  let baseRss = 0;
  const screens: SseClient[] = [];
  /** Keeps one connection open for the latency probes, so a full connection table cannot stop them. */
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const figures: Record<string, unknown> = {};
  let seats = 0;
  const port = () => Number(new URL(hub.url).port);
  /** The hub's history, as its ids name it (its database did not come from before epochs). */
  const history = () => ({
    epoch: parseEventId(screens[0]!.lastId() ?? '')?.epoch ?? '',
    acceptsBareIds: false,
  });

  beforeAll(async () => {
    const store = Store.open({ file: join(dir.path, 'marquee.db') });
    store.apply(basics());
    token = new AdminAuth(store).createApiToken('probe').token;
    store.close();
    hub = await spawnHubWith({
      dataDir: dir.path,
      port: 0,
      streams: { maxClients: MAX_CLIENTS, maxClientsPerAddress: 10_000 },
      http: {
        headersTimeoutMs: HEADERS_TIMEOUT_MS,
        requestTimeoutMs: 2_000,
        checkIntervalMs: CHECK_INTERVAL_MS,
      },
    });
    for (let i = 0; i < 5; i++) screens.push(await SseClient.connect(`${hub.url}/events`));
    await Promise.all(screens.map((s) => s.count(1)));
    await probe(); // opens the probe connection
    baseRss = rssOf(hub.pid);
  });

  afterAll(async () => {
    for (const s of screens) s.close();
    agent.destroy();
    await hub?.stop();
    dir.remove();
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', 'hostile-clients.json'), JSON.stringify(figures, null, 2) + '\n');
  });

  /** One seat change through the API; resolves with the time until all five screens had it. */
  async function probe(): Promise<number> {
    const start = performance.now();
    seats = (seats + 1) % 100;
    const seq = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${hub.url}/api/admin/showtimes/s1/availability`,
        {
          method: 'PATCH',
          agent,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve((JSON.parse(body) as { seq: number }).seq)
              : reject(new Error(body)),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ seatsAvailable: seats }));
    });
    await Promise.all(screens.map((s) => s.until(() => seqOf(s.lastId()) >= seq, `seq ${seq}`)));
    return performance.now() - start;
  }

  /** Probes every 50 ms while `attack` runs; returns the attack's result and the latencies seen. */
  async function whileProbing<T>(attack: Promise<T>): Promise<{ result: T; latencies: number[] }> {
    const latencies: number[] = [];
    let done = false;
    const probing = (async () => {
      while (!done) {
        latencies.push(await probe());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await attack.finally(() => (done = true));
    await probing;
    return { result, latencies };
  }

  /** The promises after every attack: alive, the screens all there with every event, memory bounded. */
  async function expectUnharmed(name: string, latencies: number[]) {
    const health = (await (await fetch(`${hub.url}/api/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect(hub.child.exitCode).toBeNull();
    for (const s of screens) expect(s.ended).toBe(false);
    const rss = rssOf(hub.pid);
    const sorted = [...latencies].sort((a, b) => a - b);
    figures[name] = {
      ...(figures[name] as object),
      probes: latencies.length,
      latencyMsP50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      latencyMsMax: Math.round(sorted.at(-1) ?? 0),
      rssMiB: Math.round(rss / 2 ** 20),
      baseRssMiB: Math.round(baseRss / 2 ** 20),
    };
    expect(latencies.length).toBeGreaterThan(0);
    // Screens keep their latency: never a stall of seconds, even on two cores shared with the attacker.
    expect(sorted.at(-1)!).toBeLessThan(2_000);
    expect(rss - baseRss).toBeLessThan(RSS_BUDGET);
  }

  it('cuts off clients that trickle their headers, with 408, after the header timeout', async () => {
    const sockets: { socket: Socket; closedAfter: number | undefined; reply: string; error?: string }[] = [];
    const attack = (async () => {
      for (let i = 0; i < 300; i++) {
        const socket = connect(port(), '127.0.0.1');
        const entry: (typeof sockets)[number] = { socket, closedAfter: undefined, reply: '' };
        const opened = performance.now();
        socket.setEncoding('utf8');
        socket.on('data', (d: string) => (entry.reply += d));
        socket.on('error', (e: NodeJS.ErrnoException) => (entry.error = e.code));
        socket.on('close', () => (entry.closedAfter = performance.now() - opened));
        socket.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        sockets.push(entry);
      }
      // One more header line every 100 ms, forever: the timeout counts from the start of the request.
      const start = performance.now();
      while (sockets.some((s) => s.closedAfter === undefined) && performance.now() - start < 10_000) {
        for (const s of sockets)
          if (s.closedAfter === undefined) s.socket.write(`X-Slow-${s.reply.length}: a\r\n`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const { latencies } = await whileProbing(attack);
    const worst = Math.max(...sockets.map((s) => s.closedAfter ?? Number.POSITIVE_INFINITY));
    figures['slow headers'] = { clients: sockets.length, slowestCutMs: Math.round(worst) };
    expect(worst).toBeLessThan(HEADERS_TIMEOUT_MS + CHECK_INTERVAL_MS + 1_500);
    // Node answers 408 and closes. A client that goes on trickling after that close gets a reset,
    // and a reset may throw away a 408 it had not read yet (a loaded machine reads late): those
    // are cut off all the same. Anything else (another answer, or silence) is a failure.
    const answered = sockets.filter((s) => s.reply.startsWith('HTTP/1.1 408'));
    const other = sockets.filter((s) => !s.reply.startsWith('HTTP/1.1 408') && s.error !== 'ECONNRESET');
    expect(other.map((s) => s.reply.slice(0, 40) || s.error || 'nothing')).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(sockets.length / 2);
    await expectUnharmed('slow headers', latencies);
  });

  it('survives ten times the connection cap: the excess is shed, idle ones time out, service returns', async () => {
    const baseFds = fdCount(hub.pid);
    const attack = (async () => {
      const sockets = Array.from({ length: 10 * MAX_CONNECTIONS }, () => {
        const socket = connect(port(), '127.0.0.1');
        socket.on('error', () => {});
        socket.resume();
        return socket;
      });
      // The hub's own count: connections past the kernel's accept queue never reach it at all.
      let peakFds = 0;
      const start = performance.now();
      do {
        await new Promise((r) => setTimeout(r, 50));
        peakFds = Math.max(peakFds, fdCount(hub.pid));
      } while (fdCount(hub.pid) > baseFds + 2 && performance.now() - start < 10_000);
      const result = {
        opened: sockets.length,
        hubPeakFds: peakFds,
        hubBaseFds: baseFds,
        hubFdsAfter: fdCount(hub.pid),
        msUntilHubHeldNone: Math.round(performance.now() - start),
      };
      for (const s of sockets) s.destroy();
      return result;
    })();
    const { result, latencies } = await whileProbing(attack);
    figures['connection flood'] = result;
    // The cap held, and the idle connections were all let go.
    expect(result.hubPeakFds).toBeLessThanOrEqual(baseFds + MAX_CONNECTIONS + 16);
    expect(result.hubFdsAfter).toBeLessThanOrEqual(baseFds + 2);
    // A new screen gets in once the flood is gone.
    const late = await SseClient.connect(`${hub.url}/events`);
    await late.count(1);
    expect(late.response?.statusCode).toBe(200);
    late.close();
    await expectUnharmed('connection flood', latencies);
  });

  it('answers streams beyond the cap with 503 and takes new screens again once they leave', async () => {
    const attack = (async () => {
      const flood = await Promise.allSettled(
        Array.from({ length: 10 * MAX_CLIENTS }, () => SseClient.connect(`${hub.url}/events`)),
      );
      const statuses = flood.map((c) =>
        c.status === 'fulfilled' ? c.value.response?.statusCode : 'dropped',
      );
      for (const c of flood) if (c.status === 'fulfilled') c.value.close();
      return statuses;
    })();
    const { result, latencies } = await whileProbing(attack);
    const count = (status: number | string | undefined) => result.filter((s) => s === status).length;
    const admitted = count(200);
    // Past the connection cap the kernel queue or the server sheds some before any answer.
    figures['stream flood'] = {
      requests: result.length,
      admitted,
      refused503: count(503),
      dropped: count('dropped'),
    };
    expect(admitted).toBe(MAX_CLIENTS - screens.length);
    expect(count(503) + count('dropped')).toBe(result.length - admitted);
    expect(count(503)).toBeGreaterThan(0);
    await expectUnharmed('stream flood', latencies);
    const health = async () =>
      ((await (await fetch(`${hub.url}/api/health`)).json()) as { clients: number }).clients;
    const start = performance.now();
    while ((await health()) !== screens.length && performance.now() - start < 5_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await health()).toBe(screens.length);
  });

  it('refuses giant bodies with 413 without reading them', async () => {
    // A connection kept alive, as browsers and fetch keep them: the hub discards the rest of the
    // body instead of closing under a client still sending (which would reset before it read why).
    const keepAlive = new Agent({ keepAlive: true });
    const giant = (headers: Record<string, string>, bytes: number) =>
      new Promise<{ status: number | undefined; sent: number; error?: string | undefined }>((resolve) => {
        let sent = 0;
        const req = request(`${hub.url}/api/admin/films`, {
          method: 'POST',
          agent: keepAlive,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
        });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode, sent });
          req.destroy();
        });
        req.on('error', (err: NodeJS.ErrnoException) =>
          resolve({ status: undefined, sent, error: err.code }),
        );
        const block = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (sent < bytes) {
            sent += block.length;
            if (!req.write(block)) return void req.once('drain', pump);
          }
          req.end();
        };
        req.write('{"title":"');
        pump();
      });
    const { result, latencies } = await whileProbing(
      (async () => ({
        declared: await giant({ 'Content-Length': String(2 ** 30) }, 2 ** 30),
        chunked: await giant({}, 256 * 2 ** 20),
      }))(),
    );
    keepAlive.destroy();
    figures['giant bodies'] = result;
    expect(result.declared.status).toBe(413);
    expect(result.chunked.status).toBe(413);
    // Refused long before the bodies were through: nothing was buffered.
    expect(result.declared.sent).toBeLessThan(64 * 2 ** 20);
    expect(result.chunked.sent).toBeLessThan(64 * 2 ** 20);
    await expectUnharmed('giant bodies', latencies);
  });

  it('answers any Last-Event-ID, however malformed, with a stream that starts right', async () => {
    const value = fc.oneof(
      fc.string({
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
        maxLength: 40,
      }),
      fc.constantFrom(
        '-1',
        '0',
        '1e3',
        '0x10',
        ' 7 ',
        '99999999999999999999999',
        'NaN',
        '1.5',
        '+3',
        Buffer.from('٣').toString('latin1'),
        '1,2',
      ),
      fc.string({ unit: 'binary', maxLength: 20 }).map((s) => Buffer.from(s, 'utf8').toString('latin1')),
      fc.integer({ min: 1, max: 20_000 }).map((n) => '9'.repeat(n)),
      // Ids of this hub's history (resumable or from its future) and of another one.
      fc
        .tuple(fc.constantFrom('', 'x', '0badf00d-', 'EPOCH-', 'EPOCH--', '-EPOCH-'), fc.nat({ max: 200 }))
        .map(([prefix, n]) => `${prefix.replace('EPOCH', history().epoch)}${n}`),
    );
    const checked: string[] = [];
    const attack = fc.assert(
      fc.asyncProperty(value, async (id) => {
        // What an HTTP client can put in a header at all: no control characters.
        // eslint-disable-next-line no-control-regex
        const clean = id.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
        const client = await SseClient.connect(`${hub.url}/events`, { 'Last-Event-ID': clean });
        try {
          const status = client.response?.statusCode ?? 0;
          // A header too large for the server is refused before any route (431), never a 5xx.
          if (status === 431) return;
          expect(status).toBe(200);
          // A resumable id (exact replay is tested elsewhere) may get nothing yet; anything else a snapshot.
          const position = parseEventId(clean);
          const seq = position && seqInHistory(position, history());
          const resumable = seq !== undefined && seq <= seqOf(screens[0]!.lastId());
          if (!resumable) {
            await client.count(1);
            expect(client.events[0]?.event).toBe('snapshot');
          }
          checked.push(clean);
        } finally {
          client.close();
        }
      }),
      { numRuns: 150 },
    );
    const { latencies } = await whileProbing(attack);
    figures['malformed Last-Event-ID'] = { checked: checked.length };
    expect(checked.length).toBeGreaterThan(100);
    await expectUnharmed('malformed Last-Event-ID', latencies);
  });

  it('takes thousands of reconnects a second without leaking memory or streams', async () => {
    const storm = async (total: number) => {
      let started = 0;
      const start = performance.now();
      const request = Buffer.from(
        `GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`,
      );
      // 100 at a time, each reconnecting the moment its first bytes arrive: a storm after a hub restart.
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          while (started < total) {
            started++;
            await new Promise<void>((resolve) => {
              const socket = connect(port(), '127.0.0.1', () => socket.write(request));
              socket.once('data', () => socket.destroy());
              socket.once('error', () => {});
              socket.once('close', () => resolve());
            });
          }
        }),
      );
      return { reconnects: total, perSecond: Math.round(total / ((performance.now() - start) / 1000)) };
    };
    let afterFirst = 0;
    const attack = (async () => {
      // Two storms let the heap and the allocator settle to their working size; a third must not add to it.
      const warm = [await storm(2_500), await storm(2_500)];
      afterFirst = await rssAfterGc(hub.pid);
      const second = await storm(2_500);
      const added = (await rssAfterGc(hub.pid)) - afterFirst;
      return {
        reconnects: 7_500,
        perSecond: Math.round([...warm, second].reduce((n, s) => n + s.perSecond, 0) / 3),
        thirdStormAddedMiB: Math.round(added / 2 ** 20),
        thirdStormAddedBytes: added,
      };
    })();
    const { result, latencies } = await whileProbing(attack);
    figures['reconnect storm'] = result;
    await expectUnharmed('reconnect storm', latencies);
    // Per-connection state that outlived its connection would grow with every storm.
    expect(result.thirdStormAddedBytes).toBeLessThan(THIRD_STORM_BUDGET);
    const health = async () =>
      ((await (await fetch(`${hub.url}/api/health`)).json()) as { clients: number }).clients;
    const start = performance.now();
    while ((await health()) !== screens.length && performance.now() - start < 5_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await health()).toBe(screens.length);
  });
});
