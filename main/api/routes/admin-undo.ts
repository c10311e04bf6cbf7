import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse } from './admin-kit.ts';

const EntryId = z.strictObject({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'must be an entry id')
    .transform(Number),
});

/**
 * `POST /api/admin/audit/:id/undo`: a new change that restores what the entry
 * changed, audited as `audit.undo` (and undoable in turn). Refused with
 * `undo_refused` (409) and a reason when it cannot be done safely.
 */
export function adminUndoRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'POST',
    '/api/admin/audit/:id/undo',
    handle(ctx, (req, res, params) => {
      const { actor } = admin(ctx, req);
      req.resume();
      const { id } = parse(EntryId, { id: params['id'] ?? '' });
      const events = ctx.store.undo(id, {
        actor,
        action: 'audit.undo',
        summary: `Undid entry #${id}: ${ctx.store.audit.get(id)?.summary ?? 'unknown'}`,
      });
      sendJson(res, 200, { undone: id, changes: events.length, seq: events.at(-1)?.seq ?? ctx.store.seq });
    }),
  );
}
