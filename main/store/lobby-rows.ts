import type { Media } from '../domain/media.ts';
import type { Playlist } from '../domain/playlists.ts';

/** Column shapes of the lobby content tables. Rows are written only by this store, so they are trusted. */
export interface PlaylistRow {
  id: string;
  name: string;
  role: string | null;
  displays: string | null;
  pages: string;
  source: string;
  version: number;
}
export interface MediaRow {
  id: string;
  type: string;
  name: string | null;
  bytes: number | null;
  hash: string | null;
  source_url: string | null;
  source: string;
  version: number;
}

export const PLAYLIST_COLUMNS = ['id', 'name', 'role', 'displays', 'pages', 'source', 'version'] as const;
export const MEDIA_COLUMNS = [
  'id',
  'type',
  'name',
  'bytes',
  'hash',
  'source_url',
  'source',
  'version',
] as const;

export function playlistFromRow(r: PlaylistRow): Playlist {
  const p: Playlist = {
    id: r.id,
    name: r.name,
    pages: JSON.parse(r.pages) as Playlist['pages'],
    source: r.source as Playlist['source'],
    version: r.version,
  };
  if (r.role !== null) p.role = r.role as NonNullable<Playlist['role']>;
  if (r.displays !== null) p.displays = JSON.parse(r.displays) as string[];
  return p;
}
export const playlistToRow = (p: Playlist, version: number): PlaylistRow => ({
  id: p.id,
  name: p.name,
  role: p.role ?? null,
  displays: p.displays && p.displays.length > 0 ? JSON.stringify(p.displays) : null,
  pages: JSON.stringify(p.pages),
  source: p.source,
  version,
});

export function mediaFromRow(r: MediaRow): Media {
  const m: Media = {
    id: r.id,
    type: r.type as Media['type'],
    source: r.source as Media['source'],
    version: r.version,
  };
  if (r.name !== null) m.name = r.name;
  if (r.bytes !== null) m.bytes = r.bytes;
  if (r.hash !== null) m.hash = r.hash;
  if (r.source_url !== null) m.sourceUrl = r.source_url;
  return m;
}
export const mediaToRow = (m: Media, version: number): MediaRow => ({
  id: m.id,
  type: m.type,
  name: m.name ?? null,
  bytes: m.bytes ?? null,
  hash: m.hash ?? null,
  source_url: m.sourceUrl ?? null,
  source: m.source,
  version,
});
