import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw } from '../main/api/security-support.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { tempDir } from '../support/temp-dir.ts';
import { type Child, rssOf, spawnHubWith } from './support/processes.ts';

/*
 * 120 sign-ins at once, each from its own address (so no per-address limit
 * helps), against the built hub in its own process. Each password check is
 * scrypt at 128 MiB on libuv's thread pool, which poster reads share. The
 * hub must keep its memory bounded and keep answering everything else.
 */
const LOGINS = 120;
/** Two checks at once at most (the default), 128 MiB each, plus room for the flood's own sockets. */
const RSS_BUDGET = 2 * 128 * 2 ** 20 + 48 * 2 ** 20;
/** The smallest valid PNG: a poster read that needs the thread pool and nothing else. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c00000000049454e44ae426082',
  'hex',
);

describe('a hub under a sign-in flood', () => {
  const dir = tempDir();
  let hub: Child;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    mkdirSync(join(dir.path, 'posters'), { recursive: true });
    writeFileSync(join(dir.path, 'posters', 'probe.png'), PNG);
    hub = await spawnHubWith({ dataDir: dir.path, port: 0, adminPassword: TEST_PASSWORD });
  });

  afterAll(async () => {
    agent.destroy();
    await hub?.stop();
    dir.remove();
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', 'sign-in-flood.json'), JSON.stringify(figures, null, 2) + '\n');
  });

  /** A poster read over one kept-alive connection; resolves with its latency in ms. */
  const posterRead = () =>
    new Promise<number>((resolve, reject) => {
      const start = performance.now();
      const req = request(`${hub.url}/posters/probe.png`, { agent }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(performance.now() - start)
            : reject(new Error(`poster ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });

  const login = (i: number) => {
    const start = performance.now();
    return raw(`${hub.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password: `wrong guess ${i}` }),
      localAddress: `127.0.1.${1 + i}`,
    }).then((r) => ({ status: r.status, ms: performance.now() - start }));
  };

  it(`stays within its memory budget and keeps serving during ${LOGINS} parallel sign-ins`, async () => {
    // Warm up: one check and one read, so their one-time costs are in the base.
    await login(LOGINS);
    await posterRead();
    const baseRss = rssOf(hub.pid);
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(hub.pid))), 20);

    const started = performance.now();
    let done = false;
    const flood = Promise.all(Array.from({ length: LOGINS }, (_, i) => login(i))).finally(
      () => (done = true),
    );
    const latencies: number[] = [];
    // Bounded: one read at a time while the flood lasts, at most 50,000 of them.
    while (!done && latencies.length < 50_000) latencies.push(await posterRead());
    const answers = await flood;
    const floodMs = performance.now() - started;
    clearInterval(sampler);
    const afterRss = rssOf(hub.pid);

    const statuses: Record<string, number> = {};
    for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
    const sorted = [...latencies].sort((a, b) => a - b);
    const mib = (n: number) => Math.round(n / 2 ** 20);
    Object.assign(figures, {
      logins: LOGINS,
      statuses,
      floodMs: Math.round(floodMs),
      slowestLoginMs: Math.round(Math.max(...answers.map((a) => a.ms))),
      posterReads: latencies.length,
      posterMsP50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      posterMsMax: Math.round(sorted.at(-1) ?? 0),
      baseRssMiB: mib(baseRss),
      peakRssMiB: mib(peakRss),
      afterRssMiB: mib(afterRss),
    });

    expect(answers).toHaveLength(LOGINS);
    expect(answers.every((a) => [401, 429, 503].includes(a.status))).toBe(true);
    expect(peakRss - baseRss).toBeLessThan(RSS_BUDGET);
    expect(sorted.at(-1)!).toBeLessThan(1_000);
    expect((await raw(`${hub.url}/api/health`)).status).toBe(200);
  }, 180_000);
});
