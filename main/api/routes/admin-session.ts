import { PasswordChangeBody } from '../../domain/admin-requests.ts';
import { LoginBody, SetupBody } from '../../domain/staff.ts';
import { isLoopback } from '../auth/loopback.ts';
import type { AppContext } from '../context.ts';
import { checkHostAndOrigin, requireAdmin } from '../guard.ts';
import { HttpError } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { addressOf, parse, staffOnly } from './admin-kit.ts';

/** First-run set-up, sign-in by name, sign-out, and each person's password change. */
export function adminSessionRoutes(router: Router, ctx: AppContext): void {
  // Public: the admin page asks which screen to show before anyone signs in.
  router.on(
    'GET',
    '/api/admin/auth-state',
    handle(ctx, (req, res) => {
      checkHostAndOrigin(ctx, req);
      const passwordSet = ctx.auth.hasPassword();
      sendJson(res, 200, { passwordSet, setupAllowed: !passwordSet && isLoopback(req.socket.remoteAddress) });
    }),
  );

  router.on(
    'POST',
    '/api/admin/setup',
    handle(ctx, async (req, res) => {
      checkHostAndOrigin(ctx, req);
      // Anyone on the LAN could otherwise claim a fresh hub; at the machine itself is staff.
      if (!isLoopback(req.socket.remoteAddress)) {
        throw new HttpError({
          status: 403,
          code: 'local_only',
          message: 'the first password can only be set on the hub machine itself',
        });
      }
      if (ctx.auth.hasPassword()) {
        throw new HttpError({
          status: 409,
          code: 'password_already_set',
          message: 'a password is already set; sign in instead',
        });
      }
      const body = parse(SetupBody, await readJson(req, 4096));
      const address = addressOf(req);
      const { cookie, csrfToken } = await ctx.auth.setup(body.name, body.password, {
        kind: 'system',
        id: 'setup',
        name: 'first-run set-up',
        address,
      });
      ctx.log.info('admin password set at first run', { address });
      sendJson(res, 201, { csrfToken }, { 'Set-Cookie': cookie });
    }),
  );

  router.on(
    'POST',
    '/api/admin/login',
    handle(ctx, async (req, res) => {
      checkHostAndOrigin(ctx, req);
      const body = parse(LoginBody, await readJson(req, 4096));
      const address = addressOf(req);
      const { cookie, csrfToken, staff } = await ctx.auth.login(body.name, body.password, address);
      ctx.log.info('admin signed in', { address, staff: staff.name });
      sendJson(res, 200, { csrfToken, staff }, { 'Set-Cookie': cookie });
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
      sendJson(res, 200, {
        kind: principal.kind,
        csrfToken: ctx.auth.csrfTokenOf(req) ?? null,
        ...(principal.kind === 'session' && { staff: principal.staff }),
      });
    }),
  );

  router.on(
    'POST',
    '/api/admin/password',
    handle(ctx, async (req, res) => {
      const { actor, principal } = staffOnly(ctx, req);
      const body = parse(PasswordChangeBody, await readJson(req, 4096));
      // Revoking every token is a manager's call; box office changes only their own password.
      if (body.revokeApiTokens) staffOnly(ctx, req, 'staff');
      const { cookie, csrfToken, tokensRevoked } = await ctx.auth.changePassword(
        principal.staff.id,
        body.currentPassword,
        body.newPassword,
        addressOf(req),
        actor,
        { revokeApiTokens: body.revokeApiTokens ?? false },
      );
      ctx.log.info('admin password changed', { address: actor.address, tokensRevoked });
      sendJson(res, 200, { csrfToken, tokensRevoked }, { 'Set-Cookie': cookie });
    }),
  );
}
