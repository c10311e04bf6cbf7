import { z } from 'zod';
import { Id, Source, Version, text } from './primitives.ts';
import { DateKey, TimeKey } from './schedule.ts';

/**
 * What a lobby screen plays: an ordered, weighted list of pages, each with its
 * duration and when it may run (days of week, hours, dates, on the venue's
 * clock). A screen without a playlist plays the board alone, as before
 * playlists existed (see `DEFAULT_PLAYLIST`).
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/** Longest a page may hold the screen, in seconds (an hour). */
export const MAX_PAGE_SECONDS = 3_600;

const Seconds = z.number().int().min(3).max(MAX_PAGE_SECONDS);

/** When a page runs; every field absent means always. */
const when = {
  /** How often the page comes round per pass, relative to the others (1–10). Default 1. */
  weight: z.number().int().min(1).max(10).optional(),
  /** Weekdays the page runs on (ISO, Monday 1). A window that crosses midnight counts from the day it opened. Default every day. */
  days: z.array(Weekday).min(1).max(7).optional(),
  /** From this venue time (inclusive). Default 00:00. */
  from: TimeKey.optional(),
  /** Until this venue time (exclusive); earlier than `from` crosses midnight (21:00–02:00). Default the end of the day. */
  until: TimeKey.optional(),
  /** First venue day the page runs (inclusive). Default no limit. */
  startDate: DateKey.optional(),
  /** Last venue day the page runs (inclusive). Default no limit. */
  endDate: DateKey.optional(),
};

export const PlaylistPage = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('board'), seconds: Seconds, ...when }),
    z.object({ kind: z.literal('departures'), seconds: Seconds, ...when }),
    z.object({ kind: z.literal('spotlight'), filmId: Id, seconds: Seconds, ...when }),
    z.object({ kind: z.literal('image'), mediaId: Id, seconds: Seconds, ...when }),
    z.object({
      kind: z.literal('video'),
      mediaId: Id,
      /** Loops the clip for this long; absent plays it once, for its own length. */
      seconds: Seconds.optional(),
      ...when,
    }),
    z.object({ kind: z.literal('door'), auditoriumId: Id, seconds: Seconds, ...when }),
  ])
  .refine((p) => p.from === undefined || p.until === undefined || p.from !== p.until, {
    message: 'must differ from the start time',
    path: ['until'],
    params: { code: 'not_after', field: 'from' },
  })
  .refine((p) => !p.startDate || !p.endDate || p.startDate <= p.endDate, {
    message: 'must be on or after the start date',
    path: ['endDate'],
    params: { code: 'not_after', field: 'startDate' },
  });
export type PlaylistPage = z.infer<typeof PlaylistPage>;
export type PageKind = PlaylistPage['kind'];

/** The display roles a playlist can be for (admin pairing, kiosk settings or the URL decide a screen's role). */
export const PlaylistRole = z.enum(['board', 'departures', 'door']);
export type PlaylistRole = z.infer<typeof PlaylistRole>;

export const Playlist = z
  .object({
    id: Id,
    name: text(120),
    /** Screens of this role play it, unless a playlist names the screen itself. Default none. */
    role: PlaylistRole.optional(),
    /** Screens (by display id or name) that play it, over any role's playlist. Default none. */
    displays: z.array(text(128)).max(64).optional(),
    pages: z.array(PlaylistPage).min(1).max(64),
    source: Source.default('local'),
    version: Version.optional(),
  })
  .refine((p) => p.role !== undefined || (p.displays?.length ?? 0) > 0, {
    message: 'must name a display role or at least one display',
    path: ['role'],
    params: { code: 'required' },
  });
export type Playlist = z.infer<typeof Playlist>;

/** What a screen plays when no playlist is for it: the board, and nothing else. */
export const DEFAULT_PLAYLIST: Playlist = Object.freeze({
  id: 'default',
  name: 'Board',
  role: 'board',
  pages: [{ kind: 'board', seconds: 60 }],
  source: 'local',
}) as Playlist;

/** How a screen knows itself when it looks for its playlist. */
export interface PlaylistTarget {
  /** The display's id (`?display=`, the kiosk's id or the paired one). */
  id?: string | undefined;
  /** The name staff gave it when pairing. */
  name?: string | undefined;
  role: PlaylistRole;
}

/**
 * The playlist a screen plays: one that names it wins over one for its role
 * (the first by id when several do, so every screen agrees); none is the
 * board alone.
 */
export function playlistFor(playlists: readonly Playlist[], target: PlaylistTarget): Playlist {
  const sorted = [...playlists].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const names = [target.id, target.name].filter((n): n is string => n !== undefined && n !== '');
  return (
    sorted.find((p) => p.displays?.some((d) => names.includes(d))) ??
    sorted.find((p) => p.role === target.role) ??
    DEFAULT_PLAYLIST
  );
}

/** Every media id and film id a playlist's pages use (for "used by" in the media library, prefetch). */
export function mediaIdsOf(playlist: Playlist): string[] {
  return [
    ...new Set(playlist.pages.flatMap((p) => (p.kind === 'image' || p.kind === 'video' ? [p.mediaId] : []))),
  ];
}
