import { z } from 'zod';
import { canonicalJson } from '../domain/canonical-json.ts';
import { type Change, Snapshot } from '../domain/events.ts';
import type { Announcement, Auditorium, Film, Showtime, Venue } from '../domain/records.ts';
import { planLobby } from './lobby-plan.ts';
import { upstreamTextProblem } from './upstream-text.ts';

/**
 * Turns an upstream `snapshot` into the changes that make this hub's
 * upstream-owned records equal to it, to apply in one transaction. Pure: it
 * reads the current state and plans; it does not write.
 *
 * The plan is built so the store's rules cannot reject it: records that would
 * break a rule are left out and reported instead, so one bad record never
 * costs the whole snapshot.
 * - A record whose id belongs to a local record here stays local (staff own it).
 * - A record that does not parse is reported; if the hub already holds it, the
 *   held copy is kept rather than deleted, since upstream does still have it.
 * - A showtime whose film or auditorium is missing is left out.
 * - A film or auditorium gone upstream but still used by a showtime here (a
 *   local one, or a kept one) is kept.
 * - The venue's settings stay local; the feed sets its name, zone and locales.
 * - Playlists and media: see `planLobby`.
 */

/** What a snapshot must look like around its records; the records are checked one by one. */
const Envelope = z.object({
  venue: z.unknown(),
  auditoriums: z.array(z.unknown()),
  films: z.array(z.unknown()),
  showtimes: z.array(z.unknown()),
  announcements: z.array(z.unknown()),
  playlists: z.array(z.unknown()).optional(),
  media: z.array(z.unknown()).optional(),
});

/** The hub's records, as stored. */
export type RecordState = Omit<Snapshot, 'seq' | 'status'>;

export interface SnapshotPlan {
  /** In an order the store accepts: venue, auditorium and film upserts, showtimes, announcements, then film and auditorium removals. */
  changes: Change[];
  upserts: number;
  removes: number;
  /** One line per record left out or kept against the feed, for the log. */
  problems: string[];
}

type Owned = { id: string; source?: string; version?: number };

/** Parsed incoming records of one kind, plus ids present upstream but unreadable. */
export interface Incoming<T> {
  records: Map<string, T>;
  unreadable: Set<string>;
}

export function readRecords<T extends Owned>(
  kind: string,
  items: readonly unknown[],
  schema: z.ZodType<T>,
  localIds: ReadonlySet<string>,
  problems: string[],
): Incoming<T> {
  const records = new Map<string, T>();
  const unreadable = new Set<string>();
  for (const item of items) {
    const parsed = schema.safeParse(item);
    const rawId = (item as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    const problem = parsed.success ? upstreamTextProblem(parsed.data) : summarize(parsed.error);
    if (problem !== undefined || !parsed.success) {
      problems.push(`${kind} ${id ?? '(no id)'}: ${problem}`);
      if (id !== undefined) unreadable.add(id);
      continue;
    }
    const record = withoutVersion(parsed.data);
    if (localIds.has(record.id)) {
      problems.push(`${kind} ${record.id}: a local record has this id here; the upstream copy is ignored`);
      continue;
    }
    if (records.has(record.id)) problems.push(`${kind} ${record.id}: listed twice; the last copy wins`);
    records.set(record.id, { ...record, source: 'upstream' });
  }
  return { records, unreadable };
}

export function summarize(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}

/** Drops the sender's `version`: this store assigns its own. */
export function withoutVersion<T extends { version?: number }>(record: T): T {
  if (record.version === undefined) return record;
  const { version: _version, ...rest } = record;
  return rest as T;
}

/** Deep equality of two records as JSON, ignoring `version`, key order and undefined fields. */
export function sameContent(a: object, b: object): boolean {
  return canonicalJson(withoutVersion(a as Owned)) === canonicalJson(withoutVersion(b as Owned));
}

export const split = <T extends Owned>(records: readonly T[]) => ({
  local: new Set(records.filter((r) => r.source !== 'upstream').map((r) => r.id)),
  upstream: new Map(records.filter((r) => r.source === 'upstream').map((r) => [r.id, r])),
  all: new Map(records.map((r) => [r.id, r])),
});

/** The plan, or a reason why the event is not a snapshot at all. */
export function planSnapshot(current: RecordState, data: unknown): SnapshotPlan | { error: string } {
  const envelope = Envelope.safeParse(data);
  if (!envelope.success) return { error: summarize(envelope.error) };
  const raw = envelope.data;
  const problems: string[] = [];
  const changes: Change[] = [];
  let upserts = 0;
  let removes = 0;

  const venue = planVenue(current.venue, raw.venue, problems);
  if (venue) changes.push({ type: 'venue', data: venue });

  const have = {
    auditoriums: split(current.auditoriums),
    films: split(current.films),
    showtimes: split(current.showtimes),
    announcements: split(current.announcements),
  };
  const shape = Snapshot.shape;
  const auditoriums = readRecords<Auditorium>(
    'auditorium',
    raw.auditoriums,
    shape.auditoriums.element,
    have.auditoriums.local,
    problems,
  );
  const films = readRecords<Film>('film', raw.films, shape.films.element, have.films.local, problems);
  const showtimes = readRecords<Showtime>(
    'showtime',
    raw.showtimes,
    shape.showtimes.element,
    have.showtimes.local,
    problems,
  );
  const announcements = readRecords<Announcement>(
    'announcement',
    raw.announcements,
    shape.announcements.element,
    have.announcements.local,
    problems,
  );

  /** Ids of one kind that will exist after the plan, before removals that a reference may veto. */
  const kept = <T extends Owned>(h: ReturnType<typeof split<T>>, incoming: Incoming<T>) =>
    new Set([
      ...h.local,
      ...incoming.records.keys(),
      ...[...incoming.unreadable].filter((id) => h.upstream.has(id)),
    ]);
  const filmIds = kept(have.films, films);
  const auditoriumIds = kept(have.auditoriums, auditoriums);

  for (const [id, s] of showtimes.records) {
    if (filmIds.has(s.filmId) && auditoriumIds.has(s.auditoriumId)) continue;
    showtimes.records.delete(id);
    const missing = filmIds.has(s.filmId) ? `auditorium ${s.auditoriumId}` : `film ${s.filmId}`;
    problems.push(`showtime ${id}: ${missing} is not in the snapshot; the showtime is left out`);
  }

  const upsertsOf = <T extends Owned>(h: ReturnType<typeof split<T>>, incoming: Incoming<T>) =>
    [...incoming.records.values()].filter((r) => {
      const existing = h.all.get(r.id);
      return !existing || !sameContent(existing, r);
    });
  const removalsOf = <T extends Owned>(h: ReturnType<typeof split<T>>, incoming: Incoming<T>) =>
    [...h.upstream.keys()].filter((id) => !incoming.records.has(id) && !incoming.unreadable.has(id));

  const push = (type: Change['type'], list: readonly unknown[], remove: boolean) => {
    for (const data of list) changes.push({ type, data: remove ? { id: data } : data } as Change);
    if (remove) removes += list.length;
    else upserts += list.length;
  };

  push('auditorium.upsert', upsertsOf(have.auditoriums, auditoriums), false);
  push('film.upsert', upsertsOf(have.films, films), false);
  const showtimeRemovals = removalsOf(have.showtimes, showtimes);
  push('showtime.remove', showtimeRemovals, true);
  push('showtime.upsert', upsertsOf(have.showtimes, showtimes), false);
  push('announcement.remove', removalsOf(have.announcements, announcements), true);
  push('announcement.upsert', upsertsOf(have.announcements, announcements), false);

  // Films and auditoriums go last, and only when no showtime left here still uses them.
  const gone = new Set(showtimeRemovals);
  const remaining = [
    ...current.showtimes.filter((s) => !gone.has(s.id) && !showtimes.records.has(s.id)),
    ...showtimes.records.values(),
  ];
  const inUse = (field: 'filmId' | 'auditoriumId') => new Set(remaining.map((s) => s[field]));
  const vetoed = (kind: string, ids: string[], used: Set<string>) =>
    ids.filter((id) => {
      if (!used.has(id)) return true;
      problems.push(`${kind} ${id}: gone upstream but still used by a showtime here; kept`);
      return false;
    });
  push('film.remove', vetoed('film', removalsOf(have.films, films), inUse('filmId')), true);
  push(
    'auditorium.remove',
    vetoed('auditorium', removalsOf(have.auditoriums, auditoriums), inUse('auditoriumId')),
    true,
  );

  const lobby = planLobby(current, raw, problems);
  changes.push(...lobby.changes);
  upserts += lobby.upserts;
  removes += lobby.removes;
  return { changes, upserts, removes, problems };
}

/** The feed's venue with this hub's own settings, or undefined when nothing changes. */
export function planVenue(current: Venue, raw: unknown, problems: string[]): Venue | undefined {
  const parsed = Snapshot.shape.venue.safeParse(raw);
  const problem = parsed.success ? upstreamTextProblem(parsed.data) : summarize(parsed.error);
  if (problem !== undefined || !parsed.success) {
    problems.push(`venue: ${problem}; the venue is left as it is`);
    return undefined;
  }
  const venue = { ...withoutVersion(parsed.data), settings: current.settings };
  return sameContent(current, venue) ? undefined : venue;
}
