import { z } from 'zod';
import { Epoch } from './event-id.ts';
import { Media } from './media.ts';
import { Playlist } from './playlists.ts';
import { UtcInstant } from './primitives.ts';
import { Announcement, Auditorium, Availability, Film, RemoveById, Showtime, Venue } from './records.ts';
import { Status } from './status.ts';

/**
 * Every state change the hub knows, by SSE `event:` name. The same names and
 * shapes travel on `/events` and on an upstream feed (see DESIGN.md).
 */
export const changeSchemas = {
  venue: Venue,
  'auditorium.upsert': Auditorium,
  'auditorium.remove': RemoveById,
  'film.upsert': Film,
  'film.remove': RemoveById,
  'showtime.upsert': Showtime,
  'showtime.remove': RemoveById,
  availability: Availability,
  'announcement.upsert': Announcement,
  'announcement.remove': RemoveById,
  'playlist.upsert': Playlist,
  'playlist.remove': RemoveById,
  'media.upsert': Media,
  'media.remove': RemoveById,
  status: Status,
} as const;

export type ChangeType = keyof typeof changeSchemas;
export const changeTypes = Object.keys(changeSchemas) as ChangeType[];

export function isChangeType(name: string): name is ChangeType {
  return Object.hasOwn(changeSchemas, name);
}

/** A validated change: `{ type, data }` with `data` typed by `type`. */
export type Change = {
  [K in ChangeType]: { type: K; data: z.infer<(typeof changeSchemas)[K]> };
}[ChangeType];

export type ChangeOf<K extends ChangeType> = Extract<Change, { type: K }>;

export const Snapshot = z.object({
  seq: z.number().int().min(0),
  /** The history `seq` belongs to: the snapshot's event id is `<epoch>-<seq>`. Absent from hubs before epochs. */
  epoch: Epoch.optional(),
  venue: Venue,
  auditoriums: z.array(Auditorium),
  films: z.array(Film),
  showtimes: z.array(Showtime),
  announcements: z.array(Announcement),
  /** Lobby playlists; absent from hubs before issue 17 (then the board alone). */
  playlists: z.array(Playlist).optional(),
  /** Media records the playlists show; absent from hubs before issue 17. */
  media: z.array(Media).optional(),
  status: Status.optional(),
  /** The hub's clock when it sent this (screens correct theirs by it). Absent from older hubs. */
  now: UtcInstant.optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Every event name that may appear on a feed. */
export type FeedEventName = ChangeType | 'snapshot';

/** Parses `data` for an event name; `undefined` result means the name is unknown. */
export function parseChange(type: string, data: unknown): z.ZodSafeParseResult<Change['data']> | undefined {
  if (!isChangeType(type)) return undefined;
  return changeSchemas[type].safeParse(data);
}
