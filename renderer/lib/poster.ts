import type { Film } from '../../main/domain/records.ts';

/**
 * Where the screen loads a film's poster. Posters on the hub are used as
 * they are; a remote poster is fetched and cached by the hub, and the screen
 * asks the hub for it by film, so it never reaches the internet itself. The
 * version in the query makes a changed poster a new address.
 */
export function posterSrc(film: Pick<Film, 'id' | 'posterUrl' | 'version'>): string | undefined {
  const url = film.posterUrl;
  if (!url) return undefined;
  if (url.startsWith('/')) return url;
  return `/posters/film/${encodeURIComponent(film.id)}?v=${film.version ?? 0}`;
}
