/**
 * The servers under test, each a child process with the same change route:
 * Marquee's hub (`marquee serve`, admin session + CSRF, as the admin window
 * uses it) and the three peers (bearer token).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from './clock.ts';
import { httpJson } from './http-client.ts';
import { benchScript, marqueeCli } from './paths.ts';
import { type ServerProcess, spawnServer } from './proc.ts';

export const TARGETS = ['marquee', 'bare', 'better-sse', 'polling'] as const;
export type TargetName = (typeof TARGETS)[number];

export const ADMIN_PASSWORD = 'bench-only-password-1234';
const PEER_TOKEN = 'bench-only-token-5678';

export interface SellableShowtime {
  id: string;
  capacity: number;
  seatsAvailable: number;
}

export interface Sale {
  seq: number;
  /** When the request was about to be written (shared clock). */
  sentAt: number;
}

export interface Target {
  readonly name: TargetName;
  readonly server: ServerProcess;
  readonly dataDir: string;
  /** Scheduled shows with room to sell; `seatsAvailable` follows every sale made here. */
  readonly showtimes: SellableShowtime[];
  /** Headers of the change route. */
  readonly authHeaders: Record<string, string>;
  /** Sells one seat of showtime `index` (a sold-out one gets its seats back, so something always changes). */
  sell(index?: number): Promise<Sale>;
  /** Stops the process and deletes a data folder it created. */
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** Stream caps (Marquee). Default 20,000. */
  maxClients?: number;
  /** The polling peer's interval. Default 1,000 ms. */
  pollMs?: number;
  /** More `marquee serve` flags. */
  args?: string[];
  /** Seed the demo venue (Marquee). Default true. */
  demo?: boolean;
  /** Serve this prepared folder (kept on stop) instead of a new one. */
  dataDir?: string;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export async function startTarget(name: TargetName, o: TargetOptions = {}): Promise<Target> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), `marquee-bench-${name}-`));
  const max = String(o.maxClients ?? 20_000);
  let server: ServerProcess;
  let authHeaders: Record<string, string>;
  if (name === 'marquee') {
    server = await spawnServer(
      [
        ...(o.nodeArgs ?? []),
        marqueeCli(),
        'serve',
        '--data',
        dataDir,
        '--port',
        '0',
        '--max-clients',
        max,
        '--max-clients-per-address',
        max,
        ...(o.demo === false ? [] : ['--demo']),
        ...(o.args ?? []),
      ],
      { env: { MARQUEE_ADMIN_PASSWORD: ADMIN_PASSWORD } },
    );
    authHeaders = await login(server.url);
  } else {
    server = await spawnServer([...(o.nodeArgs ?? []), benchScript(`peers/${name}.js`), '--data', dataDir], {
      env: { BENCH_TOKEN: PEER_TOKEN, BENCH_POLL_MS: String(o.pollMs ?? 1000) },
    });
    authHeaders = { Authorization: `Bearer ${PEER_TOKEN}` };
  }
  const showtimes = await sellableShowtimes(server.url);
  return {
    name,
    server,
    dataDir,
    showtimes,
    authHeaders,
    async sell(index = 0) {
      const show = showtimes[index % showtimes.length];
      if (!show) throw new Error(`${name}: no showtime to sell`);
      show.seatsAvailable = show.seatsAvailable > 0 ? show.seatsAvailable - 1 : show.capacity;
      const sentAt = now();
      const res = await httpJson<{ seq: number }>(
        `${server.url}/api/admin/showtimes/${encodeURIComponent(show.id)}/availability`,
        { method: 'PATCH', headers: authHeaders, body: { seatsAvailable: show.seatsAvailable } },
      );
      if (res.status !== 200)
        throw new Error(`${name}: change answered ${res.status} ${JSON.stringify(res.json)}`);
      return { seq: res.json.seq, sentAt };
    },
    async stop() {
      await server.stop();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in once (scrypt makes it slow on purpose); returns the headers of a mutating admin request. */
export async function login(url: string): Promise<Record<string, string>> {
  const res = await httpJson<{ csrfToken: string }>(`${url}/api/admin/login`, {
    method: 'POST',
    body: { password: ADMIN_PASSWORD },
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status} ${JSON.stringify(res.json)}`);
  const cookie = res.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
  return { Cookie: cookie, 'X-CSRF-Token': res.json.csrfToken };
}

/** Scheduled showtimes with seats, as the server reports them now. */
export async function sellableShowtimes(url: string): Promise<SellableShowtime[]> {
  const snapshot = await httpJson<{ showtimes: (SellableShowtime & { status: string })[] }>(
    `${url}/api/snapshot`,
  );
  return snapshot.json.showtimes
    .filter((s) => s.status === 'scheduled' && s.capacity > 1)
    .map(({ id, capacity, seatsAvailable }) => ({ id, capacity, seatsAvailable }));
}
