import type { AppContext } from '../context.ts';
import { HttpError } from '../http-error.ts';
import { handle, type Router } from '../router.ts';
import { loadStaticDir, sendFile } from '../static-files.ts';

/**
 * Pages may only talk to this hub; inline styles are Svelte's transitions.
 * `blob:` pictures and clips are the lobby player's own copies of hub media,
 * kept in memory so it plays on when the hub is lost.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "media-src 'self' blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The board and door signs may be framed by the hub's own pages, and only
 * them: the admin's playlist preview shows the real page at a screen's size.
 * The admin itself stays unframeable.
 */
export const BOARD_CSP = PAGE_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
const BOARD_HEADERS = { 'Content-Security-Policy': BOARD_CSP, 'X-Frame-Options': 'SAMEORIGIN' };

/** The board (`/`, `/door/:id`), the admin (`/admin`) and their assets; posters are the poster part's. */
export function pageRoutes(router: Router, ctx: AppContext, rendererDir: string): void {
  const files = loadStaticDir(rendererDir);
  const page = (name: string, headers: Record<string, string> = { 'Content-Security-Policy': PAGE_CSP }) =>
    handle(ctx, (req, res) => {
      const file = files.get(name);
      if (!file) {
        throw new HttpError({
          status: 503,
          code: 'renderer_missing',
          message: `the renderer is not built (${name} missing); run npm run build`,
        });
      }
      sendFile(req, res, file, { ...headers, 'Cache-Control': 'no-cache' });
    });
  for (const method of ['GET', 'HEAD'] as const) {
    router.on(method, '/', page('/index.html', BOARD_HEADERS));
    router.on(method, '/door/:auditoriumId', page('/index.html', BOARD_HEADERS));
    router.on(method, '/admin', page('/admin.html'));
    router.on(method, '/admin/*', page('/admin.html'));
    router.on(
      method,
      '/assets/*',
      handle(ctx, (req, res, params) => {
        const file = files.get(`/assets/${params['*'] ?? ''}`);
        if (!file) throw new HttpError(404, 'no such asset');
        // Vite puts a content hash in every asset name.
        sendFile(req, res, file, { 'Cache-Control': 'public, max-age=31536000, immutable' });
      }),
    );
  }
}
