import type { Film } from '../domain/records.ts';

/** What the films in the store name as posters, which the poster part keeps and nothing else. */
export interface PosterSources {
  /** Files on this hub (`/posters/<name>`). */
  readonly files: ReadonlySet<string>;
  /** Remote posters the cache holds (see `remoteSource`). */
  readonly remote: ReadonlySet<string>;
  /** An upstream record's `/posters/<name>`: name → the same path on the upstream's origin. */
  readonly upstream: ReadonlyMap<string, string>;
}

const LOCAL = /^\/posters\/([^/]+)$/;

/**
 * Where the hub fetches `film`'s poster from, if anywhere: its http(s) URL, or,
 * for an upstream record naming a file on its hub (`/posters/<name>`), that
 * path on the upstream's origin, so posters survive a chain of hubs.
 */
export function remoteSource(
  film: Pick<Film, 'posterUrl' | 'source'>,
  upstreamOrigin: string | undefined,
): string | undefined {
  const url = film.posterUrl;
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  const local = LOCAL.exec(url);
  if (local && film.source === 'upstream' && upstreamOrigin) return `${upstreamOrigin}/posters/${local[1]}`;
  return undefined;
}

export function posterSources(
  films: Iterable<Pick<Film, 'posterUrl' | 'source'>>,
  upstreamOrigin: string | undefined,
): PosterSources {
  const files = new Set<string>();
  const remote = new Set<string>();
  const upstream = new Map<string, string>();
  for (const film of films) {
    const name = film.posterUrl && LOCAL.exec(film.posterUrl)?.[1];
    if (name) files.add(name);
    const url = remoteSource(film, upstreamOrigin);
    if (!url) continue;
    remote.add(url);
    if (name) upstream.set(name, url);
  }
  return { files, remote, upstream };
}
