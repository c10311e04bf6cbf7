import type { IncomingMessage } from 'node:http';
import type { DisplayView } from '../../domain/admin-answers.ts';
import { HeartbeatBody, heartbeatIn } from '../../domain/displays.ts';
import {
  type HeartbeatAnswer,
  PairBody,
  PairingModeBody,
  RenameBody,
  type ScreenAssignment,
  openingHours,
} from '../../domain/pairing.ts';
import { localDateKey } from '../../domain/time.ts';
import type { DisplayRegistry } from '../../store/display-registry.ts';
import { HitLimiter } from '../auth/hit-limiter.ts';
import { hostName } from '../auth/host-check.ts';
import type { AppContext } from '../context.ts';
import { checkHost } from '../guard.ts';
import { HttpError } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { NotFoundError } from '../../store/errors.ts';
import { addressOf, admin, parse } from './admin-kit.ts';

/**
 * A heartbeat must address a name this hub answers to (the admin's rule:
 * loopback, the bound address, `--allow-host`, the machine's own names when
 * bound to a wildcard), and come from a page of exactly that origin.
 * Cross-site pages cannot send the JSON body without a preflight this hub
 * never answers.
 */
function checkSameOrigin(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    host = undefined;
  }
  const own = req.headers.host?.toLowerCase();
  if (!host || !own || host !== own || !hostName(own))
    throw new HttpError({
      status: 403,
      code: 'local_only',
      message: 'heartbeats come from pages of this hub',
    });
}

/** A door sign's auditorium must exist. */
function checkAuditorium(ctx: AppContext, a: ScreenAssignment): void {
  if (a.auditoriumId && !ctx.store.records.auditoriums.get(a.auditoriumId)) {
    throw new NotFoundError(`auditorium ${a.auditoriumId} does not exist`, 'auditoriumId');
  }
}

/** Whether `at` falls in the venue's opening hours of its day (first seating to last start). */
function isOpen(ctx: AppContext, at: number): boolean {
  const venue = ctx.store.venue();
  const cancelled = ctx.store.overrides.byId('showtime');
  const shows = ctx.store.records.showtimes.all().filter((s) => !cancelled.get(s.id)?.cancelled);
  const hours = openingHours(shows, venue.settings.seatingMinutes, at, (ms) =>
    localDateKey(ms, venue.timezone),
  );
  return hours !== undefined && at >= hours.from && at <= hours.until;
}

/** The name staff know the record on a screen's page by ("Orbit Nine", "Trailer", "Screen 4"). */
function titleOf(ctx: AppContext, showing: NonNullable<DisplayView['showing']>): string | undefined {
  const id = showing.id;
  if (id === undefined) return undefined;
  const { records } = ctx.store;
  switch (showing.kind) {
    case 'spotlight':
      return records.films.get(id)?.title;
    case 'image':
    case 'video': {
      const media = records.media.get(id);
      return media && (media.name ?? media.id);
    }
    case 'door':
      return records.auditoriums.get(id)?.name;
    default:
      return undefined;
  }
}

/** The screens as staff read them: each page named by its record's name. */
function described(ctx: AppContext, views: DisplayView[]): DisplayView[] {
  return views.map((v) => {
    const title = v.showing ? titleOf(ctx, v.showing) : undefined;
    return title === undefined || !v.showing ? v : { ...v, showing: { ...v.showing, title } };
  });
}

/** `POST /api/displays/heartbeat` (screens, no sign-in) and the admin's view of them. */
export function displayRoutes(router: Router, ctx: AppContext, registry: DisplayRegistry): void {
  // Four screens on one machine beat 16 times a minute; 60 leaves room for reloads.
  const limiter = new HitLimiter(60, 20);
  router.on(
    'POST',
    '/api/displays/heartbeat',
    handle(ctx, async (req, res) => {
      // A DNS-rebinding page could otherwise register screens that do not exist.
      checkHost(ctx, req);
      checkSameOrigin(req);
      const address = addressOf(req);
      const wait = limiter.take(address);
      if (wait > 0) {
        req.resume();
        throw new HttpError(429, 'too many heartbeats from this address', undefined, {
          'Retry-After': String(Math.ceil(wait / 1000)),
        });
      }
      const beat = heartbeatIn(parse(HeartbeatBody, await readJson(req, 4096)), ctx.store.history);
      // Screens learn the hub's clock, their name, role and pairing code here.
      const assigned = registry.beat(beat, address, ctx.store.seq);
      const answer: HeartbeatAnswer = {
        ok: true,
        seq: ctx.store.seq,
        now: new Date().toISOString(),
        ...assigned,
      };
      sendJson(res, 200, answer);
    }),
  );

  router.on(
    'GET',
    '/api/admin/displays',
    handle(ctx, (req, res) => {
      admin(ctx, req);
      sendJson(res, 200, {
        seq: ctx.store.seq,
        now: new Date().toISOString(),
        displays: described(ctx, registry.list()),
        pairing: registry.pairing(),
        alerts: registry.alerts((at) => isOpen(ctx, at)),
      });
    }),
  );

  router.on(
    'POST',
    '/api/admin/displays/pairing',
    handle(ctx, async (req, res) => {
      admin(ctx, req, 'venue');
      const { on } = parse(PairingModeBody, await readJson(req, 1024));
      sendJson(res, 200, { pairing: registry.setPairing(on) });
    }),
  );

  router.on(
    'POST',
    '/api/admin/displays/pair',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'venue');
      const { code, ...assignment } = parse(PairBody, await readJson(req, 4096));
      checkAuditorium(ctx, assignment);
      const summary = `Paired a screen as "${assignment.name}" (${assignment.role})`;
      const id = registry.pair(code, assignment, { actor, action: 'display.pair', summary });
      sendJson(res, 200, { display: registry.list().find((d) => d.displayId === id) });
    }),
  );

  router.on(
    'PUT',
    '/api/admin/displays/:id',
    handle(ctx, async (req, res, params) => {
      const { actor } = admin(ctx, req, 'venue');
      const id = params['id'] ?? '';
      const assignment = parse(RenameBody, await readJson(req, 4096));
      checkAuditorium(ctx, assignment);
      const before = registry.list().find((d) => d.displayId === id)?.assigned;
      const summary = before
        ? `Renamed the screen "${before.name}" (${before.role}) to "${assignment.name}" (${assignment.role})`
        : `Named the screen ${id} "${assignment.name}" (${assignment.role})`;
      registry.rename(id, assignment, { actor, action: 'display.rename', summary });
      sendJson(res, 200, { display: registry.list().find((d) => d.displayId === id) });
    }),
  );

  router.on(
    'POST',
    '/api/admin/displays/:id/acknowledge',
    handle(ctx, (req, res, params) => {
      const { actor } = admin(ctx, req);
      req.resume();
      const id = params['id'] ?? '';
      const name = registry.list().find((d) => d.displayId === id)?.assigned?.name ?? id;
      const audit = {
        actor,
        action: 'display.acknowledge',
        summary: `Acknowledged that screen "${name}" stalled`,
      };
      if (!registry.acknowledge(id, audit)) {
        throw new HttpError({ status: 404, code: 'not_found', message: 'no such display', params: { id } });
      }
      sendJson(res, 200, { ok: true });
    }),
  );

  router.on(
    'DELETE',
    '/api/admin/displays/:id',
    handle(ctx, (req, res, params) => {
      const { actor } = admin(ctx, req, 'venue');
      const id = params['id'] ?? '';
      const audit = { actor, action: 'display.forget', summary: `Forgot the screen "${id}"` };
      if (!registry.forget(id, audit)) {
        throw new HttpError({ status: 404, code: 'not_found', message: 'no such display', params: { id } });
      }
      sendJson(res, 200, { ok: true });
    }),
  );
}
