import { effectiveFilm } from '../domain/overrides.ts';
import type { Film } from '../domain/records.ts';
import type { Store } from '../store/store.ts';
import type { PosterCache } from './poster-cache.ts';

const isRemote = (url: string | undefined): url is string => url !== undefined && /^https?:\/\//i.test(url);

/** The remote poster URLs of every film in the store. */
export function remotePosterUrls(films: Iterable<Pick<Film, 'posterUrl'>>): string[] {
  return [...films].map((f) => f.posterUrl).filter(isRemote);
}

/**
 * Keeps the poster cache warm: at once for every film in the store (dropping
 * posters no film uses any more), then for each film that arrives or changes.
 * Downloads run in the background and never hold up a commit. Returns a
 * function that stops listening.
 */
export function prefetchPosters(store: Store, cache: PosterCache): () => void {
  const overlays = store.overrides.byId('film');
  const urls = remotePosterUrls(store.records.films.all().map((f) => effectiveFilm(f, overlays.get(f.id))));
  void cache.prune(urls).then(() => cache.prefetch(urls));
  return store.onCommit((events) => {
    const fresh: string[] = [];
    for (const e of events) {
      if (e.type !== 'film.upsert') continue;
      const url = (JSON.parse(e.json) as Partial<Film>).posterUrl;
      if (isRemote(url) && !cache.has(url)) fresh.push(url);
    }
    if (fresh.length > 0) void cache.prefetch(fresh);
  });
}
