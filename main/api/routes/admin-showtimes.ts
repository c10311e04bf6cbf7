import {
  CopyDayBody,
  LATER_FIELDS,
  ShowtimeCreateBody,
  ShowtimeUpdateBody,
  VersionBody,
  withLaterFields,
} from '../../domain/admin-requests.ts';
import type { Change } from '../../domain/events.ts';
import { Showtime } from '../../domain/records.ts';
import { localDateKey } from '../../domain/time.ts';
import { moveToDay, venueDateTime } from '../../domain/schedule.ts';
import { NotFoundError, VersionConflictError } from '../../store/errors.ts';
import type { Store } from '../../store/store.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, fromBatch, newId, parse } from './admin-kit.ts';
import { recordRoutes } from './admin-records.ts';

/** `"Tidewater" in IMAX at 2026-11-21 19:30 (st-…)`, in venue time. */
export function describeShowtime(s: Showtime, store: Store): string {
  const film = store.records.films.get(s.filmId)?.title ?? s.filmId;
  const aud = store.records.auditoriums.get(s.auditoriumId)?.name ?? s.auditoriumId;
  return `"${film}" in ${aud} at ${venueDateTime(Date.parse(s.startsAt), store.venue().timezone)} (${s.id})`;
}

/** Showtimes: create, edit, cancel, reinstate, delete, and copy a whole day. */
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

  router.on(
    'POST',
    '/api/admin/showtimes/copy-day',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'schedule');
      const body = parse(CopyDayBody, await readJson(req, 64 * 1024));
      const tz = ctx.store.venue().timezone;
      const only = body.auditoriumIds && new Set(body.auditoriumIds);
      const hidden = ctx.store.overrides.byId('showtime');
      const sources = ctx.store.records.showtimes
        .all()
        .filter(
          (s) =>
            localDateKey(Date.parse(s.startsAt), tz) === body.from &&
            s.status === 'scheduled' &&
            !hidden.get(s.id)?.cancelled &&
            !hidden.get(s.id)?.hidden &&
            (!only || only.has(s.auditoriumId)),
        );
      if (sources.length === 0) {
        throw new HttpError({
          status: 400,
          code: 'validation_failed',
          message: `there is nothing to copy on ${body.from}`,
          fields: {
            from: {
              message: 'has no scheduled showtimes' + (only ? ' in those auditoriums' : ''),
              code: 'nothing_to_copy',
              params: { date: body.from, auditoriums: only ? [...only] : null },
            },
          },
        });
      }
      const copies = sources.map((s): Showtime => {
        const startsAt = new Date(moveToDay(Date.parse(s.startsAt), body.to, tz) ?? Date.parse(s.startsAt));
        return {
          id: newId('st'),
          filmId: s.filmId,
          auditoriumId: s.auditoriumId,
          startsAt: startsAt.toISOString(),
          ...(s.featureStartsAt !== undefined && {
            featureStartsAt: new Date(
              startsAt.getTime() + Date.parse(s.featureStartsAt) - Date.parse(s.startsAt),
            ).toISOString(),
          }),
          ...(s.extraMinutes !== undefined && { extraMinutes: s.extraMinutes }),
          tags: s.tags,
          ...(s.audio !== undefined && { audio: s.audio }),
          ...(s.subtitles !== undefined && { subtitles: s.subtitles }),
          capacity: s.capacity,
          seatsAvailable: s.capacity,
          status: 'scheduled',
          source: 'local',
        };
      });
      const changes = copies.map((data): Change => ({ type: 'showtime.upsert', data }));
      try {
        const events = ctx.store.apply(changes, {
          checkVersions: true,
          schedule: { allowPast: body.force },
          reportAll: true,
          audit: {
            actor,
            action: 'showtime.copy-day',
            summary: `Copied ${copies.length} showtime(s) from ${body.from} to ${body.to}`,
          },
        });
        sendJson(res, 201, {
          copied: copies.length,
          records: copies.map((c) => c.id),
          seq: events.at(-1)?.seq ?? ctx.store.seq,
        });
      } catch (err) {
        throw (
          fromBatch(
            err,
            (i) => ({ label: `${describeShowtime(copies[i]!, ctx.store)}, copy of ${sources[i]!.id}` }),
            `nothing was copied: ${body.to} has clashes`,
          ) ?? err
        );
      }
    }),
  );
}
