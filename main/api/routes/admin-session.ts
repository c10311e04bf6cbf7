import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { checkHostAndOrigin, requireAdmin } from '../guard.ts';
import { invalid } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';

const Login = z.object({ password: z.string().min(1, 'enter the password').max(256) });

/** Sign-in and sign-out. */
export function adminSessionRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'POST',
    '/api/admin/login',
    handle(ctx, async (req, res) => {
      checkHostAndOrigin(ctx, req);
      const body = Login.safeParse(await readJson(req, 4096));
      if (!body.success) throw invalid(body.error);
      const address = req.socket.remoteAddress ?? 'unknown';
      const { cookie, csrfToken } = await ctx.auth.login(body.data.password, address);
      ctx.log.info('admin signed in', { address });
      sendJson(res, 200, { csrfToken }, { 'Set-Cookie': cookie });
    }),
  );

  router.on(
    'POST',
    '/api/admin/logout',
    handle(ctx, (req, res) => {
      requireAdmin(ctx, req);
      ctx.auth.logout(req);
      sendJson(res, 200, { ok: true }, { 'Set-Cookie': ctx.auth.logoutCookie() });
    }),
  );

  router.on(
    'GET',
    '/api/admin/session',
    handle(ctx, (req, res) => {
      const principal = requireAdmin(ctx, req);
      sendJson(res, 200, { kind: principal.kind, csrfToken: ctx.auth.csrfTokenOf(req) ?? null });
    }),
  );
}
