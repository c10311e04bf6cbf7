import type { Change } from '../domain/events.ts';
import type { Source } from '../domain/primitives.ts';
import type { Availability } from '../domain/records.ts';
import { ForbiddenChangeError, InvalidChangeError, NotFoundError, VersionConflictError } from './errors.ts';
import type { RecordTable } from './record-table.ts';
import type { ScheduleCheck } from './schedule-rules.ts';
import type { Tables } from './tables.ts';

/** Who is making a change: the upstream feed, or staff and box office through the API. */
export interface ApplyContext {
  readonly origin: Source;
  /**
   * The admin API's optimistic locking: an upsert with a `version` must match
   * the stored one, and an upsert without one must create a new record.
   */
  readonly checkVersions: boolean;
  /** Staff schedule rules for showtime writes (overlap, future start); absent for the feed. */
  readonly schedule?: ScheduleCheck | undefined;
}

/**
 * What one change did: the event data to log and the record as it was before
 * (for the audit log), or `undefined` when it changed nothing.
 */
export type Effect = { type: Change['type']; data: unknown; before?: unknown } | undefined;

type Versioned = { id: string; version?: number; source?: Source };

function sameRecord(a: Versioned, b: Versioned): boolean {
  const { version: _a, ...restA } = a;
  const { version: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

function checkOwnership(kind: string, existing: Versioned | undefined, ctx: ApplyContext): void {
  if (existing?.source && existing.source !== ctx.origin) {
    throw new ForbiddenChangeError(
      existing.source === 'upstream'
        ? `${kind} ${existing.id} is owned by the upstream feed and is read-only here`
        : `${kind} ${existing.id} is a local record; the upstream feed cannot change it`,
      {
        code: existing.source === 'upstream' ? 'upstream_owned' : 'local_owned',
        params: { id: existing.id, source: existing.source },
      },
    );
  }
}

function checkVersion(kind: string, existing: Versioned | undefined, incoming: Versioned, ctx: ApplyContext) {
  if (!ctx.checkVersions) return;
  if (incoming.version === undefined) {
    if (existing) {
      throw new VersionConflictError(`${kind} ${incoming.id} already exists`, existing, {
        code: 'already_exists',
        params: { id: incoming.id },
      });
    }
    return;
  }
  if (!existing) {
    throw new NotFoundError(`${kind} ${incoming.id} does not exist`, 'id', {
      code: 'not_found',
      params: { id: incoming.id },
    });
  }
  if (existing.version !== incoming.version) {
    throw new VersionConflictError(
      `${kind} ${incoming.id} was changed by someone else (version ${existing.version}, not ${incoming.version})`,
      existing,
      { code: 'version_conflict', params: { current: existing.version ?? null, sent: incoming.version } },
    );
  }
}

function upsert<T extends Versioned, R extends { id: string; version: number }>(
  kind: string,
  table: RecordTable<T, R>,
  incoming: T,
  ctx: ApplyContext,
  type: Change['type'],
  validate?: (record: T, existing: T | undefined) => void,
): Effect {
  const existing = table.get(incoming.id);
  checkOwnership(kind, existing, ctx);
  checkVersion(kind, existing, incoming, ctx);
  const record = { ...incoming, source: ctx.origin };
  if (existing && sameRecord(existing, record)) return undefined;
  validate?.(record, existing);
  return { type, data: table.put(record, (existing?.version ?? 0) + 1), before: existing };
}

function remove<T extends Versioned, R extends { id: string; version: number }>(
  kind: string,
  table: RecordTable<T, R>,
  id: string,
  ctx: ApplyContext,
  type: Change['type'],
  inUse?: () => number,
): Effect {
  const existing = table.get(id);
  if (!existing) return undefined;
  checkOwnership(kind, existing, ctx);
  const users = inUse?.() ?? 0;
  if (users > 0)
    throw new InvalidChangeError(`${kind} ${id} still has ${users} showtime(s); remove them first`, 'id', {
      code: 'in_use',
      params: { showtimes: users },
    });
  table.delete(id);
  return { type, data: { id }, before: existing };
}

function availability(t: Tables, a: Availability, ctx: ApplyContext): Effect {
  const show = t.showtimes.get(a.showtimeId);
  if (!show) {
    throw new NotFoundError(`showtime ${a.showtimeId} does not exist`, 'showtimeId', {
      code: 'not_found',
      params: { id: a.showtimeId },
    });
  }
  checkOwnership('showtime', show, ctx);
  if (a.seatsAvailable > show.capacity) {
    throw new InvalidChangeError(`must be between 0 and ${show.capacity} (the capacity)`, 'seatsAvailable', {
      code: 'out_of_range',
      params: { minimum: 0, maximum: show.capacity },
    });
  }
  if (a.seatsAvailable === show.seatsAvailable) return undefined;
  t.setSeats(a.showtimeId, a.seatsAvailable);
  return {
    type: 'availability',
    data: { showtimeId: a.showtimeId, seatsAvailable: a.seatsAvailable },
    before: { showtimeId: a.showtimeId, seatsAvailable: show.seatsAvailable },
  };
}

/** Applies one validated change to the state tables, enforcing the store's rules. */
export function applyChange(t: Tables, change: Change, ctx: ApplyContext): Effect {
  switch (change.type) {
    case 'venue': {
      const existing = t.venue();
      checkVersion('venue', existing, change.data, ctx);
      if (existing && sameRecord(existing, change.data)) return undefined;
      return { type: 'venue', data: t.putVenue(change.data, (existing?.version ?? 0) + 1), before: existing };
    }
    case 'auditorium.upsert':
      return upsert('auditorium', t.auditoriums, change.data, ctx, change.type);
    case 'auditorium.remove':
      return remove('auditorium', t.auditoriums, change.data.id, ctx, change.type, () =>
        t.showtimesInAuditorium(change.data.id),
      );
    case 'film.upsert':
      return upsert('film', t.films, change.data, ctx, change.type);
    case 'film.remove':
      return remove('film', t.films, change.data.id, ctx, change.type, () =>
        t.showtimesOfFilm(change.data.id),
      );
    case 'showtime.upsert': {
      const s = change.data;
      if (!t.films.get(s.filmId)) {
        throw new NotFoundError(`film ${s.filmId} does not exist`, 'filmId', {
          code: 'not_found',
          params: { id: s.filmId },
        });
      }
      if (!t.auditoriums.get(s.auditoriumId)) {
        throw new NotFoundError(`auditorium ${s.auditoriumId} does not exist`, 'auditoriumId', {
          code: 'not_found',
          params: { id: s.auditoriumId },
        });
      }
      return upsert('showtime', t.showtimes, s, ctx, change.type, ctx.schedule);
    }
    case 'showtime.remove':
      return remove('showtime', t.showtimes, change.data.id, ctx, change.type);
    case 'availability':
      return availability(t, change.data, ctx);
    case 'announcement.upsert':
      return upsert('announcement', t.announcements, change.data, ctx, change.type);
    case 'announcement.remove':
      return remove('announcement', t.announcements, change.data.id, ctx, change.type);
    case 'status':
      return { type: 'status', data: change.data };
  }
}
