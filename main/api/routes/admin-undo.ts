import { z } from 'zod';
import { AuditEntryIdParam } from '../../domain/audit.ts';
import type { Capability } from '../../domain/staff.ts';
import type { AppContext } from '../context.ts';
import { sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse, requireCapability } from './admin-kit.ts';

const EntryId = z.strictObject({ id: AuditEntryIdParam });

/**
 * What undoing an entry takes: what doing it took. Box office may undo a
 * cancel, a seat change or an announcement; anything else is a manager's.
 */
export function undoCapability(action: string): Capability {
  if (action === 'showtime.cancel' || action === 'showtime.reinstate') return 'cancel';
  if (action === 'showtime.seats') return 'seats';
  if (action.startsWith('announcement.') && action !== 'announcement.delete') return 'announce';
  return 'schedule';
}

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
      const { principal, actor } = admin(ctx, req);
      req.resume();
      const { id } = parse(EntryId, { id: params['id'] ?? '' });
      const entry = ctx.store.audit.get(id);
      requireCapability(principal, undoCapability(entry?.action ?? ''));
      const events = ctx.store.undo(id, {
        actor,
        action: 'audit.undo',
        summary: `Undid entry #${id}: ${entry?.summary ?? 'unknown'}`,
      });
      sendJson(res, 200, { undone: id, changes: events.length, seq: events.at(-1)?.seq ?? ctx.store.seq });
    }),
  );
}
