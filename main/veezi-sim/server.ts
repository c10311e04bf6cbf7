import FindMyWay, { type HTTPVersion } from 'find-my-way';
import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, createLogger } from '../log.ts';
import { VeeziSim, type VeeziSimOptions } from './box-office.ts';
import { SCREENS_BY_ID, SIM_SCREENS } from './catalog.ts';
import { handleControl } from './control.ts';
import { answerWithFault, type FaultKind, type FaultOptions, Faults, sendJson } from './faults.ts';
import { FILMS_BY_ID, SIM_FILMS } from './films.ts';
import { mediaBytes } from './media.ts';
import {
  attributeAnswers,
  filmAnswer,
  filmPackageAnswers,
  isWebSession,
  screenAnswer,
  sessionAnswer,
  siteAnswer,
  webSessionAnswer,
} from './wire.ts';

export interface VeeziSimServerOptions extends VeeziSimOptions {
  /** TCP port; 0 picks a free one. Default 7002. */
  port?: number;
  /** Address to bind. Default `127.0.0.1`. */
  host?: string;
  /** The `VeeziAccessToken` every API request must send. Default `veezi-sim`. */
  token?: string;
  /** Faults from the start. Default none. */
  faults?: FaultOptions;
  /** How a slow answer waits. Default a real timer; tests pass their own. */
  delay?: (ms: number) => Promise<void>;
  /** Where a failure of the simulator itself is logged. Default stderr. */
  log?: Logger;
}

export interface SimRequest {
  method: string;
  route: string;
  status: number;
  fault: FaultKind | undefined;
}

export interface VeeziSimServer {
  /** `http://host:port`: the base URL a hub is given. */
  readonly url: string;
  readonly port: number;
  readonly sim: VeeziSim;
  readonly faults: Faults;
  readonly server: Server;
  /** The last requests answered, oldest first (at most 1,000). */
  readonly requests: readonly SimRequest[];
  close(): Promise<void>;
}

export const DEFAULT_SIM_TOKEN = 'veezi-sim';
const KEEP_REQUESTS = 1_000;

type Answer = { status: number; body: unknown } | undefined;
type ApiHandler = (params: Record<string, string | undefined>, t: number) => Answer;

const ok = (body: unknown): Answer => ({ status: 200, body });
const notFound = (url: string): Answer => ({
  status: 404,
  body: { Message: `No HTTP resource was found that matches the request URI '${url}'.` },
});

function sameToken(sent: string | string[] | undefined, token: Buffer): boolean {
  if (typeof sent !== 'string') return false;
  const given = Buffer.from(sent);
  return given.length === token.length && timingSafeEqual(given, token);
}

/**
 * A stand-alone Veezi API: `/v1/site`, `/v1/screen`, `/v4/film`,
 * `/v1/session`, `/v1/websession`, `/v1/attribute`, `/v1/filmpackage` (and
 * their `/{id}` forms), matched on the whole path; artwork at `/media/{id}`;
 * test controls under `/_sim/`. Every answer is computed from the
 * simulation at the clock's current time.
 */
export async function startVeeziSimServer(options: VeeziSimServerOptions): Promise<VeeziSimServer> {
  const sim = new VeeziSim(options);
  const faults = new Faults(sim.seed, options.faults);
  const token = Buffer.from(options.token ?? DEFAULT_SIM_TOKEN);
  const delay = options.delay ?? ((ms: number) => sleep(ms));
  const logger = options.log ?? createLogger();
  const requests: SimRequest[] = [];
  let base = '';

  const log = (req: IncomingMessage, route: string, status: number, fault: FaultKind | undefined) => {
    requests.push({ method: req.method ?? 'GET', route, status, fault });
    if (requests.length > KEEP_REQUESTS) requests.splice(0, requests.length - KEEP_REQUESTS);
  };

  const router = FindMyWay<HTTPVersion.V1>({
    maxParamLength: 100,
    defaultRoute: (req, res) => {
      log(req, '(none)', 404, undefined);
      sendJson(res, 404, JSON.stringify(notFound(req.url ?? '/')!.body));
    },
    onBadUrl: (_path, req, res) => {
      log(req, '(bad)', 400, undefined);
      sendJson(res, 400, JSON.stringify({ Message: 'The request is invalid.' }));
    },
  });

  const api = (route: string, handler: ApiHandler) => {
    router.on('GET', route, (req, res, params) => {
      void answer(req, res, route, () => {
        const t = sim.now();
        sim.advanceTo(t);
        return handler(params, t) ?? notFound(req.url ?? route);
      });
    });
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, route: string, make: () => Answer) => {
    const fault = faults.pick(route);
    if (fault && answerWithFault(res, fault, faults.options!)) return log(req, route, res.statusCode, fault);
    // Veezi refuses a missing or wrong token with an empty 403.
    if (!sameToken(req.headers['veeziaccesstoken'], token)) {
      res.writeHead(403, { 'Content-Length': 0 }).end();
      return log(req, route, 403, fault);
    }
    let made: Answer;
    try {
      made = make();
    } catch (err) {
      // A simulator bug answers like Veezi's own failures do, and is not hidden.
      logger.error('veezi-sim answer failed', {
        route,
        error: err instanceof Error ? err.stack : String(err),
      });
      made = { status: 500, body: { Message: 'An error has occurred.' } };
    }
    const { status, body } = made!;
    if (fault === 'slow') await delay(faults.options?.slowMs ?? 0);
    if (res.destroyed) return;
    sendJson(res, status, JSON.stringify(body), fault);
    log(req, route, status, fault);
  };

  const byNumber = (raw: string | undefined) =>
    raw !== undefined && /^\d{1,12}$/.test(raw) ? Number(raw) : -1;

  api('/v1/site', () => ok(siteAnswer()));
  api('/v1/screen', () => ok(SIM_SCREENS.map(screenAnswer)));
  api('/v1/screen/:id', ({ id }) => {
    const screen = SCREENS_BY_ID.get(byNumber(id));
    return screen && ok(screenAnswer(screen));
  });
  api('/v4/film', () => ok(SIM_FILMS.map((f) => filmAnswer(f, sim, base))));
  api('/v4/film/:id', ({ id }) => {
    const film = FILMS_BY_ID.get(id ?? '');
    return film && ok(filmAnswer(film, sim, base));
  });
  api('/v1/session', (_p, t) => ok(sim.sessions(t).map((s) => sessionAnswer(s, sim, t))));
  api('/v1/session/:id', ({ id }, t) => {
    const s = sim.sessions(t).find((x) => x.Id === byNumber(id));
    return s && ok(sessionAnswer(s, sim, t));
  });
  api('/v1/websession', (_p, t) =>
    ok(
      sim
        .sessions(t)
        .filter((s) => isWebSession(s, sim, t))
        .map((s) => webSessionAnswer(s, sim, t, base)),
    ),
  );
  api('/v1/attribute', () => ok(attributeAnswers(sim)));
  api('/v1/attribute/:id', ({ id }) => {
    const attribute = attributeAnswers(sim).find((a) => a.Id === id);
    return attribute && ok(attribute);
  });
  api('/v1/filmpackage', () => ok(filmPackageAnswers()));
  api('/v1/filmpackage/:id', ({ id }) => {
    const pkg = filmPackageAnswers().find((p) => p.Id === byNumber(id));
    return pkg && ok(pkg);
  });

  router.on('GET', '/media/:id', (req, res, { id }) => {
    const fault = faults.pick('/media/:id');
    if (fault && answerWithFault(res, fault, faults.options!))
      return log(req, '/media/:id', res.statusCode, fault);
    const bytes = mediaBytes(id ?? '');
    if (!bytes) {
      res.writeHead(404, { 'Content-Length': 0 }).end();
      return log(req, '/media/:id', 404, fault);
    }
    res.writeHead(200, {
      'Content-Type': 'image/png',
      'Content-Length': bytes.length,
      'Cache-Control': 'public, max-age=86400',
    });
    res.end(bytes);
    log(req, '/media/:id', 200, fault);
  });

  router.on('GET', '/purchase/:id', (req, res, { id }) => {
    const s = sim.session(byNumber(id));
    const film = s && FILMS_BY_ID.get(s.FilmId);
    const body = film
      ? `<!DOCTYPE html><title>Tickets</title><p>Tickets for session ${s.Id} (film ${film.Id}) are sold at the simulated box office.</p>`
      : '<!DOCTYPE html><title>Not found</title><p>No such session.</p>';
    res.writeHead(film ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
    log(req, '/purchase/:id', res.statusCode, undefined);
  });

  router.on('POST', '/_sim/:action', (req, res, { action }) => {
    if (!sameToken(req.headers['veeziaccesstoken'], token)) {
      res.writeHead(403, { 'Content-Length': 0 }).end();
      return log(req, `/_sim/${action}`, 403, undefined);
    }
    void handleControl(req, res, action ?? '', sim, faults).then(() =>
      log(req, `/_sim/${action}`, res.statusCode, undefined),
    );
  });

  const server = createServer((req, res) => {
    router.lookup(req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7002, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: base,
    port,
    sim,
    faults,
    server,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        sim.advanceTo(sim.now());
        sim.save();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
