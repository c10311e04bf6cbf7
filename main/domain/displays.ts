import { z } from 'zod';
import { EventId, type EventPosition, type History, seqInHistory } from './event-id.ts';
import { Id } from './primitives.ts';

/** A clock a year off is broken, not skewed; heartbeats claiming more are refused. */
const MAX_OFFSET_MS = 366 * 24 * 3_600_000;

/** A screen whose own clock is further off the hub's than this is flagged to staff. */
export const CLOCK_OFF_AFTER_MS = 30_000;

/** What a screen can be showing: a playlist page's kind, or an urgent announcement over everything. */
/** `holding`: the neutral screen shown until the venue has a name and a time zone. */
export const ShowingKind = z.enum([
  'board',
  'departures',
  'spotlight',
  'image',
  'video',
  'door',
  'urgent',
  'holding',
]);
export type ShowingKind = z.infer<typeof ShowingKind>;

/** The page a screen shows, in its heartbeat. */
export const ShowingReport = z.strictObject({
  kind: ShowingKind,
  /** The film (spotlight), media (image, video) or auditorium (door) the page is about. */
  id: Id.optional(),
  /**
   * How long the page has been on, in ms by the screen's own clock: a
   * duration, so a screen whose clock is off still reports it right.
   */
  forMs: z.number().int().min(0).max(MAX_OFFSET_MS),
});
export type ShowingReport = z.infer<typeof ShowingReport>;

/**
 * What every screen (Electron window or LAN browser) posts to
 * `POST /api/displays/heartbeat` every 15 s. Strict: unknown keys are refused.
 */
export const HeartbeatBody = z
  .strictObject({
    displayId: Id,
    role: z.enum(['board', 'door']),
    auditoriumId: Id.optional(),
    /**
     * The `id:` of the last event the screen applied (`<epoch>-<seq>`); null
     * before its first snapshot. A bare number, or digits in a string, from
     * screens of a hub before epochs.
     */
    lastEventId: z
      .union([
        z
          .number()
          .int()
          .min(0)
          .max(Number.MAX_SAFE_INTEGER)
          .transform((seq): EventPosition => ({ epoch: undefined, seq })),
        EventId,
      ])
      .nullable(),
    /** When the screen last painted a frame, by its own clock. */
    lastFrameAt: z.iso.datetime({ offset: true }),
    /**
     * The hub's clock minus the screen's own, in ms, as the screen measured it
     * from the hub's last `now` (it shows hub time either way). Optional; absent
     * from screens that do not know.
     */
    clockOffsetMs: z.number().int().min(-MAX_OFFSET_MS).max(MAX_OFFSET_MS).optional(),
    /** What is on the screen now (issue 17). Optional; absent from screens of older hubs. */
    showing: ShowingReport.optional(),
    /** The page the screen shows. */
    url: z
      .string()
      .max(2048)
      .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), 'must be an http(s) URL'),
  })
  .refine((h) => h.role !== 'door' || h.auditoriumId !== undefined, {
    message: 'a door sign must say which auditorium it serves',
    path: ['auditoriumId'],
  });
export type HeartbeatBody = z.infer<typeof HeartbeatBody>;

/** A heartbeat as the hub keeps it: `lastEventId` is a seq of the hub's own history, or null. */
export type Heartbeat = Omit<HeartbeatBody, 'lastEventId'> & { lastEventId: number | null };

/**
 * Places a screen's report in the hub's history: an id of another history
 * (the screen has not yet had the snapshot of this one) says nothing about
 * how far behind it is, so it counts as no id at all.
 */
export function heartbeatIn(body: HeartbeatBody, history: History): Heartbeat {
  const seq = body.lastEventId && seqInHistory(body.lastEventId, history);
  return { ...body, lastEventId: seq ?? null };
}

/** Heartbeats are every 15 s; three missed ones mean the screen is gone or frozen. */
export const STALE_AFTER_MS = 45_000;

/** One heartbeat as the hub saw it: the screen's report plus the hub's own seq on arrival. */
export interface Beat {
  readonly at: number;
  readonly lastEventId: number | null;
  readonly hubSeq: number;
}

export type DisplayHealth =
  { state: 'ok' } | { state: 'stalled'; reason: 'silent' | 'lag-growing' | 'stuck' | 'no-events' | 'ahead' };

const lagOf = (b: Beat) => (b.lastEventId === null ? null : b.hubSeq - b.lastEventId);

/**
 * Judges a screen from its recent beats (oldest first). Stalled when it has
 * not been heard for 45 s, when it has been behind for the last three beats
 * without catching up (lag growing, or its last event id frozen while the hub
 * moved on), or when it reports an id the hub never issued.
 */
export function assessDisplay(beats: readonly Beat[], now: number): DisplayHealth {
  const last = beats.at(-1);
  if (!last || now - last.at > STALE_AFTER_MS) return { state: 'stalled', reason: 'silent' };
  const lag = lagOf(last);
  if (lag !== null && lag < 0) return { state: 'stalled', reason: 'ahead' };
  const recent = beats.slice(-3);
  if (recent.length < 3) return { state: 'ok' };
  const lags = recent.map(lagOf);
  if (lags.every((l) => l === null)) return { state: 'stalled', reason: 'no-events' };
  if (lags.some((l) => l === null || l <= 0)) return { state: 'ok' };
  const nums = lags as number[];
  const neverShrank = nums.every((l, i) => i === 0 || l >= nums[i - 1]!);
  if (!neverShrank) return { state: 'ok' };
  if (recent.every((b) => b.lastEventId === recent[0]!.lastEventId))
    return { state: 'stalled', reason: 'stuck' };
  return nums.at(-1)! > nums[0]! ? { state: 'stalled', reason: 'lag-growing' } : { state: 'ok' };
}
