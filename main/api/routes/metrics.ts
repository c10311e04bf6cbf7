import { isLoopback } from '../auth/loopback.ts';
import type { AppContext } from '../context.ts';
import { requireAdmin } from '../guard.ts';
import { type Router, handle } from '../router.ts';
import { requirePermission } from './admin-kit.ts';

/**
 * `GET /metrics`, Prometheus text format. Guarded like the admin API: an API
 * token with the `metrics` permission (or a staff session), unless the hub
 * was told to leave it open to scrapers on this machine (`metricsOpenOnLoopback`).
 */
export function metricsRoutes(router: Router, ctx: AppContext): void {
  const { metrics } = ctx;
  if (!metrics) return;
  router.on(
    'GET',
    '/metrics',
    handle(ctx, async (req, res) => {
      if (!(metrics.openOnLoopback && isLoopback(req.socket.remoteAddress))) {
        requirePermission(ctx.store, requireAdmin(ctx, req), 'metrics');
      }
      const body = await metrics.scrape();
      res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    }),
  );
}
