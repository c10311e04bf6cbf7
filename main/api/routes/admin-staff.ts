import { VersionQuery } from '../../domain/admin-requests.ts';
import { StaffCreateBody, StaffUpdateBody } from '../../domain/staff.ts';
import type { AppContext } from '../context.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { parse, queryOf, staffOnly } from './admin-kit.ts';

/** Staff accounts: listed, added, given a role or a new password, removed. Managers only. */
export function adminStaffRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'GET',
    '/api/admin/staff',
    handle(ctx, (req, res) => {
      staffOnly(ctx, req, 'staff');
      sendJson(res, 200, { staff: ctx.auth.staff.list() });
    }),
  );

  router.on(
    'POST',
    '/api/admin/staff',
    handle(ctx, async (req, res) => {
      const { actor } = staffOnly(ctx, req, 'staff');
      const body = parse(StaffCreateBody, await readJson(req, 4096));
      const account = await ctx.auth.staff.add(body.name, body.role, body.password, actor);
      sendJson(res, 201, { account });
    }),
  );

  router.on(
    'PATCH',
    '/api/admin/staff/:id',
    handle(ctx, async (req, res, params) => {
      const { actor } = staffOnly(ctx, req, 'staff');
      const body = parse(StaffUpdateBody, await readJson(req, 4096));
      const change = { role: body.role, password: body.password };
      const account = await ctx.auth.staff.update(params['id'] ?? '', body.version, change, actor);
      sendJson(res, 200, { account });
    }),
  );

  router.on(
    'DELETE',
    '/api/admin/staff/:id',
    handle(ctx, (req, res, params) => {
      const { actor } = staffOnly(ctx, req, 'staff');
      const { version } = parse(VersionQuery, queryOf(req));
      ctx.auth.staff.remove(params['id'] ?? '', version, actor);
      sendJson(res, 200, { ok: true });
    }),
  );
}
