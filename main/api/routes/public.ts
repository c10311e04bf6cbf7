import type { Health } from '../../domain/status.ts';
import type { AppContext } from '../context.ts';
import { sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';

/** Read-only routes for screens and monitoring. */
export function publicRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'GET',
    '/events',
    handle(ctx, (req, res) => ctx.events.handle(req, res)),
  );

  router.on(
    'GET',
    '/api/snapshot',
    handle(ctx, (_req, res) =>
      sendJson(res, 200, { ...ctx.store.snapshot(), status: ctx.status(), now: new Date().toISOString() }),
    ),
  );

  router.on(
    'GET',
    '/api/health',
    handle(ctx, (_req, res) => {
      const problems = ctx.store.problems();
      const database = problems.length === 0 ? 'ok' : 'error';
      const status = ctx.status();
      const relay = ctx.relayHealth?.();
      const media = ctx.mediaHealth?.();
      // A relay that stopped for good leaves the screens on old data until someone acts.
      const ok = database === 'ok' && relay?.running !== false;
      const health: Health = {
        status: ok ? 'ok' : 'degraded',
        database,
        ...(problems.length > 0 && { databaseProblem: problems.join('; '), databaseProblems: problems }),
        seq: ctx.store.seq,
        clients: ctx.broadcaster.size,
        upstream: status.upstream,
        lastUpstreamEventAt: status.lastUpstreamEventAt,
        uptimeSeconds: Math.round((Date.now() - ctx.startedAt) / 1000),
        version: ctx.version,
        ...(relay && { relay }),
        ...(media && { media }),
      };
      sendJson(res, ok ? 200 : 503, health);
    }),
  );
}
