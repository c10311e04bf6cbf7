import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AdminAuth, type AdminAuthOptions } from './api/auth/admin-auth.ts';
import { initialPassword } from './api/auth/initial-password.ts';
import { DisplayAccess } from './api/auth/display-token.ts';
import { HostAllowList } from './api/auth/host-check.ts';
import type { AppContext } from './api/context.ts';
import { DEFAULT_HEADERS } from './api/http.ts';
import { type RouteInfo, createRouter, listRoutes } from './api/router.ts';
import { accessLog } from './api/access-log.ts';
import { adminRoutes } from './api/routes/admin.ts';
import { metricsRoutes } from './api/routes/metrics.ts';
import { pageRoutes } from './api/routes/pages.ts';
import { publicRoutes } from './api/routes/public.ts';
import { seedDemoVenue } from './demo/seed.ts';
import { type MediaOptions, MediaLibrary, mediaDir } from './media/media-library.ts';
import { type PosterOptions, Posters } from './posters/posters.ts';
import type { Status } from './domain/status.ts';
import { type Logger, createLogger } from './log.ts';
import { type HttpLimits, createHubServer } from './hub-server.ts';
import { defaultRendererDir, packageVersion } from './paths.ts';
import { type UpstreamOptions, UpstreamRelay } from './relay/relay.ts';
import { type VeeziOptions, VeeziSource } from './veezi/poll-source.ts';
import { Broadcaster, type BroadcasterOptions } from './sse/broadcaster.ts';
import { EventStream, type EventStreamOptions } from './sse/event-stream.ts';
import type { RetentionOptions } from './store/event-log.ts';
import { DisplayRegistry } from './store/display-registry.ts';
import { DatabaseOpenError } from './store/errors.ts';
import { HubMetrics } from './metrics/hub-metrics.ts';
import { holdDataDir } from './hub-lock.ts';
import { Store } from './store/store.ts';

export type { HttpLimits } from './hub-server.ts';

export interface HubOptions {
  /** Folder for the database and posters; created if missing. */
  dataDir: string;
  /** TCP port; 0 picks a free one. Default 4747. */
  port?: number;
  /** Address to bind. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Seed a demo multiplex into an empty database. Default false. */
  demo?: boolean;
  /** Admin password to set if none is set yet (first run); ignored, and logged, once one is. Default: none. */
  adminPassword?: string;
  /**
   * Refuse to start (a `DatabaseOpenError`) when the database has a problem
   * at start-up: a failed integrity check, a full disk, a read-only file.
   * The integrity check then runs before listening. Default false: start
   * degraded, serving what can still be read, with `/api/health` answering
   * 503 and the reason; the integrity check runs a second after listening,
   * so screens get their first snapshot without waiting for it.
   */
  requireHealthy?: boolean;
  /**
   * Extra host names (LAN name, IP) the admin API and heartbeats answer to. Default none; bound to
   * a wildcard address (`0.0.0.0`, `::`) the machine's own addresses and host name are allowed too.
   */
  allowedHosts?: readonly string[];
  /** Event-stream limits; see `BroadcasterOptions` for defaults. */
  streams?: BroadcasterOptions & EventStreamOptions;
  /** Event-log retention; see `RetentionOptions` for defaults. */
  retention?: RetentionOptions;
  auth?: AdminAuthOptions;
  /** Built renderer. Default `dist/renderer` of the package. */
  rendererDir?: string;
  /** An upstream feed to follow (chain HQ, ticketing, another hub); started once listening. Default none. */
  upstream?: UpstreamOptions;
  /** A Veezi site to follow by polling its API, instead of `upstream` (a hub has one source). Default none. */
  veezi?: VeeziOptions;
  /**
   * A token screens must present to read the board, `/events` and `/api/snapshot`
   * (see `DisplayAccess`): `?token=` once on a board page (it then sets an HttpOnly
   * cookie), the cookie, or `Authorization: Bearer` (a chained hub's relay).
   * A function is asked on every request (a token file, re-read so a new
   * token applies at once). Default none: every client that can reach the
   * hub may read them.
   */
  displayToken?: string | (() => string);
  /**
   * PEM certificates of a private CA that every outbound https request (the
   * upstream feed, remote posters) may chain to, besides Node's bundled public
   * roots. Default none.
   */
  ca?: readonly string[];
  /** Poster fetching and the poster folder's limits; see `PosterOptions` for defaults. */
  posters?: PosterOptions;
  /** The lobby media library's size limits (fetched with the posters' rules); see `MediaLimits` for defaults. */
  media?: MediaOptions;
  /** Limits on slow clients; see `HttpLimits` for defaults. */
  http?: HttpLimits;
  /**
   * `GET /metrics` answers scrapes from this machine without a token. Default
   * false: an API token with the `metrics` permission (or a staff session).
   */
  metricsOpenOnLoopback?: boolean;
  /** Log one `request` line per request (method, path without query, status, ms). Default false. */
  accessLog?: boolean;
  log?: Logger;
}

export interface Hub {
  /** `http://host:port` the hub answers on. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly broadcaster: Broadcaster;
  /** The Veezi source when the hub follows one: its counters (`stats()`) and health. */
  readonly veezi: VeeziSource | undefined;
  readonly server: Server;
  readonly metrics: HubMetrics;
  /** Reports the relay's state; a change of `upstream` is logged and broadcast as a `status` event. */
  setStatus(status: Status): void;
  status(): Status;
  /** Every route the hub answers, for audits and tests. */
  routes(): RouteInfo[];
  /** The start-up integrity check's finding (`undefined`: none), once it has run. */
  readonly integrityChecked: Promise<string | undefined>;
  /** Stops accepting, ends streams, closes the database cleanly. Idempotent. */
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 60_000;

/** The database in a data folder (backups and metrics find it here too). */
export const databaseFile = (dataDir: string) => join(dataDir, 'marquee.db');
/**
 * `PRAGMA quick_check` reads every page (about 0.2 s for a 70 MB database
 * here) and holds the event loop meanwhile; a second after listening the
 * screens that reconnected at start-up already have their snapshot.
 */
const INTEGRITY_CHECK_AFTER_MS = 1_000;

/** Starts the hub: store, event streams, HTTP API and pages. Resolves once it accepts connections. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? createLogger();
  mkdirSync(options.dataDir, { recursive: true });
  const postersDir = join(options.dataDir, 'posters');
  mkdirSync(postersDir, { recursive: true });

  const store = Store.open({
    file: databaseFile(options.dataDir),
    ...(options.retention && { retention: options.retention }),
    log,
  });
  try {
    if (options.requireHealthy) store.checkIntegrity();
    const problems = store.problems();
    if (problems.length > 0 && options.requireHealthy) {
      throw new DatabaseOpenError(`not starting (--require-healthy): ${problems.join('; ')}`);
    }
    // Lobby screens keep what can still be read rather than going black; health says why.
    if (problems.length > 0) log.error('starting degraded: the database has a problem', { problems });
    return await listen(store, options, log, postersDir);
  } catch (err) {
    store.close();
    throw err;
  }
}

async function listen(store: Store, options: HubOptions, log: Logger, postersDir: string): Promise<Hub> {
  const { epoch } = store.history;
  if (options.demo) seedDemoVenue(store, postersDir, { now: Date.now(), log });
  const auth = new AdminAuth(store, options.auth);
  if (options.adminPassword !== undefined) await initialPassword(auth, options.adminPassword, log);
  if (options.upstream && options.veezi)
    throw new Error('a hub follows one upstream source: an SSE feed or Veezi');
  // Built before listening so a bad upstream URL fails the start, not a running hub.
  const onStatus = (next: Status) => hub.setStatus(next);
  const veezi =
    options.veezi &&
    new VeeziSource({ ...options.veezi, ...(options.ca && { ca: options.ca }) }, { store, log, onStatus });
  const feedRelay =
    veezi || !options.upstream
      ? undefined
      : new UpstreamRelay(
          { ...options.upstream, ...(options.ca && { ca: options.ca }) },
          { store, log, onStatus },
        );
  const relay = veezi || feedRelay;

  let status: Status = { upstream: 'none', lastUpstreamEventAt: null };
  const broadcaster = new Broadcaster(options.streams);
  const events = new EventStream(
    {
      get seq() {
        return store.seq;
      },
      get history() {
        return store.history;
      },
      snapshot: () => ({ ...store.snapshot(), status }),
      eventsBetween: (seq, until) => store.eventsBetween(seq, until),
      eventBytesAfter: (seq) => store.eventBytesAfter(seq),
    },
    broadcaster,
    options.streams,
  );
  store.onCommit((logged) => events.publish(logged));
  const displays = new DisplayRegistry(store.displays);
  const metrics = new HubMetrics({
    store,
    databaseFile: databaseFile(options.dataDir),
    broadcaster,
    events,
    displays,
    status: () => status,
    ...(feedRelay && { relayStats: () => feedRelay.stats() }),
  });
  if (veezi) metrics.pollSource(() => ({ ...veezi.stats() }));

  const host = options.host ?? '127.0.0.1';
  const ctx: AppContext = {
    store,
    auth,
    events,
    broadcaster,
    log,
    allowedHosts: new HostAllowList(host, options.allowedHosts, { log }),
    status: () => status,
    relayHealth: () => relay?.health(),
    // Called only by requests, which start after `media` below exists.
    mediaHealth: () => media.health(),
    metrics: {
      contentType: metrics.contentType,
      scrape: () => metrics.scrape(),
      openOnLoopback: options.metricsOpenOnLoopback ?? false,
    },
    startedAt: Date.now(),
    version: packageVersion(),
  };
  const router = createRouter();
  publicRoutes(router, ctx);
  metricsRoutes(router, ctx);
  adminRoutes(router, ctx, displays);
  // Remote posters (a chain's feed) are fetched into the data folder ahead of time, so
  // screens show them offline and never reach the internet themselves.
  const posters = new Posters(
    { ctx, dir: postersDir, upstreamUrl: options.upstream?.url ?? options.veezi?.url, ca: options.ca },
    options.posters,
  );
  posters.routes(router);
  const media = new MediaLibrary(
    { ctx, dir: mediaDir(options.dataDir), upstreamUrl: options.upstream?.url, ca: options.ca },
    { fetch: options.posters, ...options.media },
  );
  media.routes(router);
  pageRoutes(router, ctx, options.rendererDir ?? defaultRendererDir());
  const display = new DisplayAccess(options.displayToken, router);
  const access = options.accessLog ? accessLog(log) : undefined;
  // Room for every stream plus admin and API traffic; beyond it the kernel queue holds them.
  const http = createHubServer(options.http ?? {}, broadcaster.options.maxClients + 256, (req, res) => {
    access?.(req, res);
    // Every answer, error or not, carries the security headers; pages set a CSP of their own.
    for (const [name, value] of DEFAULT_HEADERS) res.setHeader(name, value);
    if (display.admit(req, res)) router.lookup(req, res);
  });
  const { server } = http;
  await http.listen(options.port ?? 4747, host);
  // `marquee restore` refuses while this is here.
  const release = holdDataDir(options.dataDir, (error) =>
    log.warn('could not mark the data folder as in use; marquee restore cannot tell', { error }),
  );
  // Screens resuming from an old history get a snapshot: worth a line once the hub is up,
  // unless the database is new (nothing was ever handed out to resume from).
  if (store.historyStarted && store.seq > 0)
    log.info('new event history', { epoch, why: store.historyStarted });
  // No 'clientError' handler of our own: Node's answers 400, 408 for a request
  // too slow to arrive, 431 for huge headers, and never writes a second
  // answer on a connection that already has one.

  const prune = setInterval(() => {
    try {
      store.maintain();
    } catch (err) {
      log.error('event-log pruning failed', { error: String(err) });
    }
  }, PRUNE_EVERY_MS);
  prune.unref();

  let integrityTimer: NodeJS.Timeout | undefined;
  let integrityDone: (problem: string | undefined) => void = () => {};
  const integrityChecked = new Promise<string | undefined>((resolve) => (integrityDone = resolve));
  if (options.requireHealthy) integrityDone(undefined);
  else {
    integrityTimer = setTimeout(() => {
      const problem = store.checkIntegrity();
      if (problem) log.error('serving degraded: the database has a problem', { problem });
      integrityDone(problem);
    }, INTEGRITY_CHECK_AFTER_MS).unref();
  }

  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;

  const hub: Hub = {
    url,
    port,
    store,
    broadcaster,
    veezi: veezi || undefined,
    server,
    metrics,
    status: () => status,
    routes: () => listRoutes(router),
    integrityChecked,
    setStatus(next) {
      const changed = next.upstream !== status.upstream;
      status = next;
      events.invalidateSnapshot();
      if (changed) store.apply([{ type: 'status', data: next }]);
    },
    close() {
      closing ??= (async () => {
        await relay?.stop();
        clearInterval(prune);
        clearTimeout(integrityTimer);
        integrityDone(undefined);
        http.stopSweeping();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        broadcaster.close();
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
        await closed;
        await posters.close();
        await media.close();
        store.close();
        release();
      })();
      return closing;
    },
  };
  relay?.start();
  return hub;
}
