import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { POSTER_FILE_NAME } from '../domain/poster-url.ts';
import type { AppContext } from '../api/context.ts';
import { HttpError } from '../api/http-error.ts';
import { handle, type Router } from '../api/router.ts';
import { sendFile, staticFile } from '../api/static-files.ts';
import type { CachedPoster, PosterCache } from './poster-cache.ts';

/** What the poster routes read: files on the hub, and the cache of remote ones. */
export interface PosterShelf {
  /** `DATA/posters`: uploads and the demo's drawings. */
  readonly dir: string;
  readonly cache: PosterCache;
  /** The remote poster the hub holds for this film (see `remoteSource`), if any. */
  remoteOfFilm(filmId: string): string | undefined;
  /** For `/posters/<name>` not on this hub: the upstream's copy, if an upstream record names it. */
  remoteOfFile(name: string): string | undefined;
}

/** Served SVG (the demo's drawings) must not run script even if opened directly. */
const POSTER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function sendCached(req: IncomingMessage, res: ServerResponse, poster: CachedPoster, maxAge: number) {
  sendFile(req, res, staticFile(poster.body, poster.name), {
    'Cache-Control': `public, max-age=${maxAge}`,
    'Content-Security-Policy': POSTER_CSP,
  });
}

async function fromCache(shelf: PosterShelf, url: string): Promise<CachedPoster> {
  const poster = await shelf.cache.get(url);
  if (!poster) throw new HttpError(404, 'the poster could not be fetched; the hub will retry later');
  return poster;
}

/**
 * `GET /posters/film/:filmId`: the cached copy of a film's remote poster,
 * downloaded on first request if the cache does not hold it yet. Only URLs
 * that a film in the store names are ever fetched, and only from addresses the
 * fetch rules allow. Screens add `?v=<film version>`, so a changed poster is a
 * new address and a long cache lifetime is safe.
 *
 * `GET /posters/:name`: a file on this hub (an upload, a demo drawing) or, on
 * a chained hub, the upstream hub's file of that name that an upstream record
 * names, fetched through the same cache.
 */
export function posterRoutes(router: Router, ctx: AppContext, shelf: PosterShelf): void {
  for (const method of ['GET', 'HEAD'] as const) {
    router.on(
      method,
      '/posters/film/:filmId',
      handle(ctx, async (req, res, params) => {
        const url = shelf.remoteOfFilm(params['filmId'] ?? '');
        if (!url) throw new HttpError(404, 'this film has no remote poster');
        sendCached(req, res, await fromCache(shelf, url), 86_400);
      }),
    );
    router.on(
      method,
      '/posters/:name',
      handle(ctx, async (req, res, params) => {
        const name = params['name'] ?? '';
        if (!POSTER_FILE_NAME.test(name)) throw new HttpError(404, 'no such poster');
        const body = await readFile(join(shelf.dir, name)).catch(() => undefined);
        if (body) {
          sendFile(req, res, staticFile(body, name), {
            'Content-Security-Policy': POSTER_CSP,
            'Cache-Control': 'public, max-age=3600',
          });
          return;
        }
        const url = shelf.remoteOfFile(name);
        if (!url) throw new HttpError(404, 'no such poster');
        sendCached(req, res, await fromCache(shelf, url), 3_600);
      }),
    );
  }
}
