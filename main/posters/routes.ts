import type { AppContext } from '../api/context.ts';
import { HttpError } from '../api/http-error.ts';
import { SECURITY_HEADERS } from '../api/http.ts';
import { handle, type Router } from '../api/router.ts';
import { staticFile } from '../api/static-files.ts';
import { effectiveFilm } from '../domain/overrides.ts';
import type { PosterCache } from './poster-cache.ts';

/**
 * `GET /posters/film/:filmId`: the cached copy of a film's remote poster,
 * downloaded on first request if the cache does not hold it yet. Only URLs
 * that a film in the store names are ever fetched, so a page cannot make the
 * hub fetch an address of its choosing. Screens add `?v=<film version>`, so a
 * changed poster is a new address and a long cache lifetime is safe.
 */
export function posterRoutes(router: Router, ctx: AppContext, cache: PosterCache): void {
  for (const method of ['GET', 'HEAD'] as const) {
    router.on(
      method,
      '/posters/film/:filmId',
      handle(ctx, async (req, res, params) => {
        const id = params['filmId'] ?? '';
        const raw = ctx.store.records.films.get(id);
        // A local overlay's poster replaces the upstream's, as on the screens.
        const url = raw && effectiveFilm(raw, ctx.store.overrides.get('film', id)).posterUrl;
        if (!url || !/^https?:\/\//i.test(url)) throw new HttpError(404, 'this film has no remote poster');
        const poster = await cache.get(url);
        if (!poster) throw new HttpError(404, 'the poster could not be fetched; the hub will retry later');
        const file = staticFile(poster.body, poster.name);
        if (req.headers['if-none-match'] === file.etag) {
          res.writeHead(304, { ...SECURITY_HEADERS, ETag: file.etag });
          res.end();
          return;
        }
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': poster.type.mime,
          'Content-Length': poster.body.length,
          'Cache-Control': 'public, max-age=86400',
          'Content-Security-Policy': "default-src 'none'",
          ETag: file.etag,
        });
        res.end(req.method === 'HEAD' ? undefined : poster.body);
      }),
    );
  }
}
