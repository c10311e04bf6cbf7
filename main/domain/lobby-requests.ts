import { z } from 'zod';
import { Media } from './media.ts';
import { Playlist, PlaylistPage, PlaylistRole } from './playlists.ts';
import { Id, Version } from './primitives.ts';

/** Admin API bodies for lobby content; strict, so a typo is a 400 rather than a silently dropped field. */

const playlistFields = {
  name: Playlist.shape.name,
  role: PlaylistRole.optional(),
  displays: Playlist.shape.displays,
  pages: z.array(PlaylistPage).min(1).max(64),
};
export const PlaylistCreateBody = z.strictObject({ id: Id.optional(), ...playlistFields });
export const PlaylistUpdateBody = z.strictObject({ ...playlistFields, version: Version });
export type PlaylistCreateBody = z.infer<typeof PlaylistCreateBody>;
export type PlaylistUpdateBody = z.infer<typeof PlaylistUpdateBody>;

/** A feed-style media record staff name by URL (the hub fetches it); uploads go to `POST /api/admin/media/upload`. */
export const MediaLinkBody = z.strictObject({
  id: Id.optional(),
  type: Media.shape.type,
  name: Media.shape.name,
  sourceUrl: Media.shape.sourceUrl.unwrap(),
});
/** Renaming a media file; its bytes never change under the same id. */
export const MediaUpdateBody = z.strictObject({ name: Media.shape.name, version: Version });

/**
 * A feed-named file the hub does not hold yet: `pending` until its first
 * fetch ends, then `failed` with why, how many attempts failed, and when it
 * is tried again (backoff with jitter, at least every 15 minutes).
 */
export const MediaFetch = z.object({
  state: z.enum(['pending', 'failed']),
  attempts: z.number().int().min(0),
  reason: z.string().optional(),
  retryAt: z.iso.datetime().optional(),
});
export type MediaFetch = z.infer<typeof MediaFetch>;

/** `GET /api/admin/media`: the library, each file with the playlists that show it, and the quota. */
export const MediaLibraryAnswer = z.object({
  media: z.array(
    z.object({
      record: Media,
      /** Bytes on the hub; null while a feed-named file is not fetched yet. */
      stored: z.number().int().nullable(),
      /** Why a feed-named file is not on the hub yet; absent once it is (and for uploads). */
      fetch: MediaFetch.optional(),
      usedBy: z.array(z.object({ id: Id, name: z.string() })),
    }),
  ),
  usedBytes: z.number().int().min(0),
  quotaBytes: z.number().int().min(0),
});
export type MediaLibraryAnswer = z.infer<typeof MediaLibraryAnswer>;

/** What a media write answers: the record as stored and the commit's seq. */
export const MediaWriteAnswer = z.object({ record: Media, seq: z.number().int() });
