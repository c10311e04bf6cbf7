import { z } from 'zod';
import { Id, Source, Version, text } from './primitives.ts';

/**
 * A picture or a clip a lobby screen shows between schedule pages. The bytes
 * live in the hub's data folder (`media/<id>`), served at `/media/<id>`; the
 * record says what they are. Staff upload them (`bytes` and `hash` then say
 * what was stored) or a feed names them by `sourceUrl`, and the hub fetches
 * them with the poster protections.
 */
export const MediaType = z.enum(['image/png', 'image/jpeg', 'image/webp', 'video/webm', 'video/mp4']);
export type MediaType = z.infer<typeof MediaType>;

export const isVideo = (type: MediaType): boolean => type.startsWith('video/');

/** Hex SHA-256 of the stored bytes. */
export const MediaHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256');

/** Where a feed's media comes from: an absolute http(s) URL (the poster address policy decides if it is fetched). */
export const MediaSourceUrl = z
  .string()
  .max(2048)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s), 'must be an http(s) URL');

export const Media = z.object({
  id: Id,
  /** What the bytes are, checked against the bytes themselves when stored. */
  type: MediaType,
  /** A name for staff ("Popcorn combo, winter"). Default none. */
  name: text(120).optional(),
  /** Size of the stored bytes; absent until a feed-named file is fetched. */
  bytes: z.number().int().min(1).optional(),
  hash: MediaHash.optional(),
  /** Where the hub fetches the bytes from; absent for an upload. */
  sourceUrl: MediaSourceUrl.optional(),
  source: Source.default('local'),
  version: Version.optional(),
});
export type Media = z.infer<typeof Media>;

/** The path a screen loads a media file from; one place, so hub routes and players agree. */
export const mediaPath = (id: string): string => `/media/${encodeURIComponent(id)}`;
