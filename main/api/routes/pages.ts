import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PosterCache } from '../../posters/poster-cache.ts';
import { posterRoutes } from '../../posters/routes.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { SECURITY_HEADERS } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { type StaticFile, loadStaticDir, staticFile } from '../static-files.ts';

/** Pages may only talk to this hub; inline styles are Svelte's transitions. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Uploaded SVG posters must not run script even if opened directly. */
const POSTER_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile, headers: Record<string, string>) {
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, { ...SECURITY_HEADERS, ETag: file.etag, ...headers });
    res.end();
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.type,
    'Content-Length': file.body.length,
    ETag: file.etag,
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/**
 * The board (`/`, `/door/:id`), the admin (`/admin`), their assets, and posters from the data folder.
 * Remote posters are served from `posters` (default: a cache in `postersDir/cache` that downloads on
 * first request; the hub passes its own, kept warm by `prefetchPosters`).
 */
export function pageRoutes(
  router: Router,
  ctx: AppContext,
  rendererDir: string,
  postersDir: string,
  posters: PosterCache = new PosterCache({ dir: join(postersDir, 'cache'), log: ctx.log }),
): void {
  posterRoutes(router, ctx, posters);
  const files = loadStaticDir(rendererDir);
  const page = (name: string) =>
    handle(ctx, (req, res) => {
      const file = files.get(name);
      if (!file) {
        throw new HttpError({
          status: 503,
          code: 'renderer_missing',
          message: `the renderer is not built (${name} missing); run npm run build`,
        });
      }
      send(req, res, file, { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-cache' });
    });
  for (const method of ['GET', 'HEAD'] as const) {
    router.on(method, '/', page('/index.html'));
    router.on(method, '/door/:auditoriumId', page('/index.html'));
    router.on(method, '/admin', page('/admin.html'));
    router.on(method, '/admin/*', page('/admin.html'));
    router.on(
      method,
      '/assets/*',
      handle(ctx, (req, res, params) => {
        const file = files.get(`/assets/${params['*'] ?? ''}`);
        if (!file) throw new HttpError(404, 'no such asset');
        // Vite puts a content hash in every asset name.
        send(req, res, file, { 'Cache-Control': 'public, max-age=31536000, immutable' });
      }),
    );
    router.on(
      method,
      '/posters/:name',
      handle(ctx, async (req, res, params) => {
        const name = params['name'] ?? '';
        if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.(svg|png|jpe?g|webp)$/i.test(name)) {
          throw new HttpError(404, 'no such poster');
        }
        const body = await readFile(join(postersDir, name)).catch(() => undefined);
        if (!body) throw new HttpError(404, 'no such poster');
        send(req, res, staticFile(body, name), {
          'Content-Security-Policy': POSTER_CSP,
          'Cache-Control': 'public, max-age=3600',
        });
      }),
    );
  }
}
