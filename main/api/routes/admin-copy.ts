import { CopyDayBody, CopyDaysBody } from '../../domain/admin-requests.ts';
import { type CopyPlan, type CopyRequest, type SkippedCopy, planCopy } from '../../domain/copy-plan.ts';
import type { Change } from '../../domain/events.ts';
import type { Showtime } from '../../domain/records.ts';
import { venueDateTime } from '../../domain/schedule.ts';
import type { Store } from '../../store/store.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, fromBatch, newId, parse } from './admin-kit.ts';

/** `"Tidewater" in Screen 1 at 2030-05-02 19:30`: names and venue time, never ids. */
function named(s: Showtime, store: Store): string {
  const film = store.records.films.get(s.filmId)?.title ?? 'a film no longer listed';
  const aud = store.records.auditoriums.get(s.auditoriumId)?.name ?? 'an auditorium no longer listed';
  return `"${film}" in ${aud} at ${venueDateTime(Date.parse(s.startsAt), store.venue().timezone)}`;
}

/** A left-out copy as staff read it, with the parts for a client to word it its own way. */
function skippedView(k: SkippedCopy, store: Store) {
  const at = { ...k.show, startsAt: k.startsAt };
  const why =
    k.reason === 'sold'
      ? 'kept: seats are sold'
      : k.reason === 'past'
        ? 'not copied: it would start in the past'
        : `not copied: it clashes with ${k.clashesWith ? named(k.clashesWith, store) : 'a show there'}`;
  return {
    label: `${named(at, store)} — ${why}`,
    film: store.records.films.get(k.show.filmId)?.title ?? null,
    auditorium: store.records.auditoriums.get(k.show.auditoriumId)?.name ?? null,
    startsAt: k.startsAt,
    reason: k.reason,
    ...(k.clashesWith && {
      clashesWith: {
        film: store.records.films.get(k.clashesWith.filmId)?.title ?? null,
        startsAt: k.clashesWith.startsAt,
      },
    }),
  };
}

function plan(store: Store, req: CopyRequest): CopyPlan {
  const hidden = store.overrides.byId('showtime');
  return planCopy(req, {
    venue: store.venue(),
    showtimes: store.records.showtimes.all(),
    runs: (s) => s.status === 'scheduled' && !hidden.get(s.id)?.cancelled && !hidden.get(s.id)?.hidden,
    runtimeOf: (id) => store.records.films.get(id)?.runtimeMinutes,
    now: Date.now(),
    newId: () => newId('st'),
  });
}

function nothingToCopy(date: string, only: ReadonlySet<string> | undefined): HttpError {
  return new HttpError({
    status: 400,
    code: 'validation_failed',
    message: `there is nothing to copy on ${date}`,
    fields: {
      from: {
        message: 'has no scheduled showtimes' + (only ? ' in those auditoriums' : ''),
        code: 'nothing_to_copy',
        params: { date, auditoriums: only ? [...only] : null },
      },
    },
  });
}

/** Applies a plan in one audited transaction; a clash the plan let through (`all`) refuses it whole. */
function applyPlan(ctx: AppContext, req: CopyRequest, p: CopyPlan, audit: Parameters<Store['apply']>[1]) {
  const changes: Change[] = [
    ...p.removals.map((s): Change => ({ type: 'showtime.remove', data: { id: s.id } })),
    ...p.copies.map((data): Change => ({ type: 'showtime.upsert', data })),
  ];
  const rows = [...p.removals, ...p.copies];
  try {
    return ctx.store.apply(changes, {
      ...audit,
      checkVersions: true,
      schedule: { allowPast: req.allowPast ?? false },
      reportAll: true,
    });
  } catch (err) {
    throw (
      fromBatch(
        err,
        (i) => ({ label: named(rows[i]!, ctx.store) }),
        `nothing was copied: ${req.to} has clashes`,
      ) ?? err
    );
  }
}

/** Copying shows: one day onto another (all or nothing), and ranges onto ranges, skipping or replacing. */
export function adminCopyRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'POST',
    '/api/admin/showtimes/copy-day',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'schedule');
      const body = parse(CopyDayBody, await readJson(req, 64 * 1024));
      const only = body.auditoriumIds && new Set(body.auditoriumIds);
      const request: CopyRequest = {
        from: body.from,
        fromLast: body.from,
        to: body.to,
        toLast: body.to,
        mode: 'all',
        auditoriumIds: only,
        allowPast: body.force,
      };
      const p = plan(ctx.store, request);
      if (p.sources === 0) throw nothingToCopy(body.from, only);
      const events = applyPlan(ctx, request, p, {
        audit: {
          actor,
          action: 'showtime.copy-day',
          summary: `Copied ${p.copies.length} showtime(s) from ${body.from} to ${body.to}`,
        },
      });
      sendJson(res, 201, {
        copied: p.copies.length,
        records: p.copies.map((c) => c.id),
        seq: events.at(-1)?.seq ?? ctx.store.seq,
      });
    }),
  );

  router.on(
    'POST',
    '/api/admin/showtimes/copy-days',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'schedule');
      const body = parse(CopyDaysBody, await readJson(req, 64 * 1024));
      const only = body.auditoriumIds && new Set(body.auditoriumIds);
      const request: CopyRequest = { ...body, auditoriumIds: only, allowPast: body.force };
      const p = plan(ctx.store, request);
      if (p.sources === 0) throw nothingToCopy(body.from, only);
      const range = (a: string, b: string) => (a === b ? a : `${a}–${b}`);
      const replaced = p.removals.length > 0 ? `, replacing ${p.removals.length}` : '';
      const left = p.skipped.length > 0 ? `, ${p.skipped.length} left out` : '';
      const events =
        p.copies.length + p.removals.length === 0
          ? []
          : applyPlan(ctx, request, p, {
              audit: {
                actor,
                action: 'showtime.copy-days',
                summary:
                  `Copied ${p.copies.length} showtime(s) from ${range(body.from, body.fromLast)} ` +
                  `to ${range(body.to, body.toLast)}${replaced}${left}`,
              },
            });
      sendJson(res, 201, {
        copied: p.copies.length,
        removed: p.removals.length,
        skipped: p.skipped.map((k) => skippedView(k, ctx.store)),
        records: p.copies.map((c) => c.id),
        seq: events.at(-1)?.seq ?? ctx.store.seq,
      });
    }),
  );
}
