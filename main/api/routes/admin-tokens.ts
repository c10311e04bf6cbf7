import { TokenCreateBody } from '../../domain/admin-requests.ts';
import type { AppContext } from '../context.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { parse, staffOnly } from './admin-kit.ts';

/** Box-office API tokens: created (secret shown once), listed, revoked. Staff sessions only. */
export function adminTokenRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'GET',
    '/api/admin/tokens',
    handle(ctx, (req, res) => {
      staffOnly(ctx, req, 'staff');
      const tokens = ctx.auth
        .listApiTokens()
        .map((t) => ({ ...t, permissions: ctx.store.tokenPermissions.of(t.id) }));
      sendJson(res, 200, { tokens });
    }),
  );

  router.on(
    'POST',
    '/api/admin/tokens',
    handle(ctx, async (req, res) => {
      const { actor } = staffOnly(ctx, req, 'staff');
      const body = parse(TokenCreateBody, await readJson(req, 4096));
      const { id, token } = ctx.auth.createApiToken(body.name, actor, body.permissions);
      sendJson(res, 201, { id, name: body.name, permissions: body.permissions, token });
    }),
  );

  router.on(
    'DELETE',
    '/api/admin/tokens/:id',
    handle(ctx, (req, res, params) => {
      const { actor } = staffOnly(ctx, req, 'staff');
      ctx.auth.revokeApiToken(params['id'] ?? '', actor);
      sendJson(res, 200, { ok: true });
    }),
  );
}
