import {
  LATER_FIELDS,
  ShowtimeCreateBody,
  ShowtimeUpdateBody,
  VersionBody,
  withLaterFields,
} from '../../domain/admin-requests.ts';
import { Showtime } from '../../domain/records.ts';
import { venueDateTime } from '../../domain/schedule.ts';
import { NotFoundError, VersionConflictError } from '../../store/errors.ts';
import type { Store } from '../../store/store.ts';
import type { AppContext } from '../context.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse } from './admin-kit.ts';
import { recordRoutes } from './admin-records.ts';

/** `"Tidewater" in IMAX at 2026-11-21 19:30 (st-…)`, in venue time. */
export function describeShowtime(s: Showtime, store: Store): string {
  const film = store.records.films.get(s.filmId)?.title ?? s.filmId;
  const aud = store.records.auditoriums.get(s.auditoriumId)?.name ?? s.auditoriumId;
  return `"${film}" in ${aud} at ${venueDateTime(Date.parse(s.startsAt), store.venue().timezone)} (${s.id})`;
}

/** Showtimes: create, edit, cancel, reinstate, delete (copying is in admin-copy.ts). */
export function adminShowtimeRoutes(router: Router, ctx: AppContext): void {
  recordRoutes(router, ctx, {
    kind: 'showtime',
    path: 'showtimes',
    idPrefix: 'st',
    table: (s) => s.records.showtimes,
    createBody: ShowtimeCreateBody,
    updateBody: ShowtimeUpdateBody,
    record: Showtime,
    toRecord: (body, id, store, current) => {
      const { force: _force, ...sent } = body;
      const fields = withLaterFields(sent, current, LATER_FIELDS.showtime) as typeof sent;
      if ('version' in fields) return { ...fields, id };
      const aud = store.records.auditoriums.get(fields.auditoriumId);
      if (!aud) throw new NotFoundError(`auditorium ${fields.auditoriumId} does not exist`, 'auditoriumId');
      const capacity = fields.capacity ?? aud.capacity;
      return { ...fields, id, capacity, seatsAvailable: fields.seatsAvailable ?? capacity };
    },
    describe: describeShowtime,
    capability: 'schedule',
    applyOptions: (body) => ({ schedule: { allowPast: body.force } }),
  });

  const setStatus = (status: Showtime['status'], action: string, verb: string) =>
    handle(ctx, async (req, res, params) => {
      const { actor } = admin(ctx, req, 'cancel');
      const id = params['id'] ?? '';
      const { version } = parse(VersionBody, await readJson(req, 4096));
      const current = ctx.store.records.showtimes.get(id);
      if (!current) throw new NotFoundError(`showtime ${id} does not exist`, 'id');
      if (current.version !== version) {
        throw new VersionConflictError(`showtime ${id} was changed by someone else`, current);
      }
      const next = { ...current, status };
      const [event] = ctx.store.apply([{ type: 'showtime.upsert', data: next }], {
        checkVersions: true,
        // Reinstating re-checks the auditorium is still free; a past show may be reinstated.
        schedule: { allowPast: true },
        audit: { actor, action, summary: `${verb} showtime ${describeShowtime(next, ctx.store)}` },
      });
      sendJson(res, 200, { record: ctx.store.records.showtimes.get(id), seq: event?.seq ?? ctx.store.seq });
    });
  router.on(
    'POST',
    '/api/admin/showtimes/:id/cancel',
    setStatus('cancelled', 'showtime.cancel', 'Cancelled'),
  );
  router.on(
    'POST',
    '/api/admin/showtimes/:id/reinstate',
    setStatus('scheduled', 'showtime.reinstate', 'Reinstated'),
  );
}
