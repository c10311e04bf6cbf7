import { canonicalJson } from '../domain/canonical-json.ts';
import type { Change } from '../domain/events.ts';
import type { Source } from '../domain/primitives.ts';
import type { Announcement, Availability } from '../domain/records.ts';
import { urgentEndsAt, urgentProblems } from '../domain/urgent.ts';
import { ForbiddenChangeError, InvalidChangeError, NotFoundError, VersionConflictError } from './errors.ts';
import type { RecordTable } from './record-table.ts';
import type { ScheduleCheck } from './schedule-rules.ts';
import { checkLocalFilmTags, moveFilmTags, splitUpstreamFilm, withFilmTags } from './screening-rules.ts';
import { checkPlaylistMedia, playlistsUsingMedia } from './lobby-rules.ts';
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
  /** The commit's time: when an urgent announcement is posted. */
  readonly now: number;
  /** Lines for the caller's log about what the store did to a change (tags moved off a film). */
  readonly notice: (line: string) => void;
}

/**
 * What one change did: the event data to log and the record as it was before
 * (for the audit log).
 */
export type Effect = { type: Change['type']; data: unknown; before?: unknown } | undefined;
type Done = NonNullable<Effect>;

type Versioned = { id: string; version?: number; source?: Source };

function sameRecord(a: Versioned, b: Versioned): boolean {
  const { version: _a, ...restA } = a;
  const { version: _b, ...restB } = b;
  return canonicalJson(restA) === canonicalJson(restB);
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
  validate?: (record: T, existing: T | undefined) => T | void,
): Effect {
  const existing = table.get(incoming.id);
  checkOwnership(kind, existing, ctx);
  checkVersion(kind, existing, incoming, ctx);
  const record = validate?.({ ...incoming, source: ctx.origin }, existing) ?? {
    ...incoming,
    source: ctx.origin,
  };
  if (existing && sameRecord(existing, record)) return undefined;
  return { type, data: table.put(record, (existing?.version ?? 0) + 1), before: existing };
}

function remove<T extends Versioned, R extends { id: string; version: number }>(
  kind: string,
  table: RecordTable<T, R>,
  id: string,
  ctx: ApplyContext,
  type: Change['type'],
  inUse?: () => number,
  usedBy: 'showtimes' | 'playlists' = 'showtimes',
): Effect {
  const existing = table.get(id);
  if (!existing) return undefined;
  checkOwnership(kind, existing, ctx);
  const users = inUse?.() ?? 0;
  if (users > 0)
    throw new InvalidChangeError(
      usedBy === 'showtimes'
        ? `${kind} ${id} still has ${users} showtime(s); remove them first`
        : `${kind} ${id} is still used by ${users} playlist(s); take it out of them first`,
      'id',
      {
        code: 'in_use',
        params: { [usedBy]: users },
      },
    );
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

/**
 * An urgent announcement always has an end: the one given, else two hours
 * after it shows. Staff's own are held to the short text and the two hours;
 * an upstream's is taken as sent, since dropping it could hide an evacuation.
 */
function urgentRules(a: Announcement, existing: Announcement | undefined, ctx: ApplyContext): Announcement {
  if (!a.urgent) return a;
  if (ctx.origin === 'local') {
    const [field, problem] = Object.entries(urgentProblems(a, ctx.now))[0] ?? [];
    if (field && problem) throw new InvalidChangeError(problem, field);
  }
  const endsAt = urgentEndsAt(a, ctx.now, existing);
  return endsAt === a.endsAt ? a : { ...a, endsAt };
}

const one = (effect: Effect): Done[] => (effect ? [effect] : []);

/** Applies one validated change to the state tables, enforcing the store's rules; returns what it did. */
export function applyChange(t: Tables, change: Change, ctx: ApplyContext): Done[] {
  switch (change.type) {
    case 'venue': {
      const existing = t.venue();
      checkVersion('venue', existing, change.data, ctx);
      if (existing && sameRecord(existing, change.data)) return [];
      return [
        { type: 'venue', data: t.putVenue(change.data, (existing?.version ?? 0) + 1), before: existing },
      ];
    }
    case 'auditorium.upsert':
      return one(upsert('auditorium', t.auditoriums, change.data, ctx, change.type));
    case 'auditorium.remove':
      return one(
        remove('auditorium', t.auditoriums, change.data.id, ctx, change.type, () =>
          t.showtimesInAuditorium(change.data.id),
        ),
      );
    case 'film.upsert': {
      if (ctx.origin === 'local') {
        checkLocalFilmTags(t, change.data);
        return one(upsert('film', t.films, change.data, ctx, change.type));
      }
      // From a feed, formats on a film are moved to its showtimes rather than refused.
      const { film, screening } = splitUpstreamFilm(t, change.data);
      const effects = one(upsert('film', t.films, film, ctx, change.type));
      const moved = moveFilmTags(t, film.id, screening);
      if (moved.notice) ctx.notice(moved.notice);
      return [...effects, ...moved.effects];
    }
    case 'film.remove': {
      const effect = remove('film', t.films, change.data.id, ctx, change.type, () =>
        t.showtimesOfFilm(change.data.id),
      );
      if (effect) t.upstreamFilmTags.set(change.data.id, []);
      return one(effect);
    }
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
      const show = ctx.origin === 'upstream' ? withFilmTags(t, s) : s;
      return one(
        upsert('showtime', t.showtimes, show, ctx, change.type, (record, existing) =>
          ctx.schedule?.(record, existing),
        ),
      );
    }
    case 'showtime.remove':
      return one(remove('showtime', t.showtimes, change.data.id, ctx, change.type));
    case 'availability':
      return one(availability(t, change.data, ctx));
    case 'announcement.upsert':
      return one(
        upsert('announcement', t.announcements, change.data, ctx, change.type, (record, existing) =>
          urgentRules(record, existing, ctx),
        ),
      );
    case 'announcement.remove':
      return one(remove('announcement', t.announcements, change.data.id, ctx, change.type));
    case 'playlist.upsert':
      return one(
        upsert('playlist', t.playlists, change.data, ctx, change.type, (record) => {
          if (ctx.origin === 'local') checkPlaylistMedia(t, record);
        }),
      );
    case 'playlist.remove':
      return one(remove('playlist', t.playlists, change.data.id, ctx, change.type));
    case 'media.upsert':
      return one(upsert('media', t.media, change.data, ctx, change.type));
    case 'media.remove':
      return one(
        remove(
          'media',
          t.media,
          change.data.id,
          ctx,
          change.type,
          () => playlistsUsingMedia(t, change.data.id),
          'playlists',
        ),
      );
    case 'status':
      return [{ type: 'status', data: change.data }];
  }
}
