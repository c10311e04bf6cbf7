import { z } from 'zod';
import { OVERLAY_FIELDS, OverrideInput, OverrideKind } from '../../domain/overrides.ts';
import { Id } from '../../domain/primitives.ts';
import type { Capability } from '../../domain/staff.ts';
import type { AppContext } from '../context.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse, requireCapability, requirePermission } from './admin-kit.ts';

const Params = z.object({ kind: OverrideKind, id: Id });

/**
 * Box office may cancel or reinstate an upstream show and dismiss an
 * announcement; any other override (hiding, notes, overlays) changes the
 * schedule itself.
 */
function overrideCapability(
  ctx: AppContext,
  kind: OverrideKind,
  id: string,
  body: OverrideInput,
): Capability {
  if (kind === 'announcement') return 'announce';
  const now = ctx.store.overrides.get(kind, id);
  const same = body.hidden === (now?.hidden ?? false) && body.note === now?.note;
  const overlays = OVERLAY_FIELDS.every((f) => body[f] === undefined || body[f] === (now?.[f] ?? null));
  return kind === 'showtime' && same && overlays ? 'cancel' : 'schedule';
}

/** Local overrides of upstream records: hide, cancel locally, a note, an overlay of local fields. Empty clears. */
export function adminOverrideRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'PUT',
    '/api/admin/overrides/:kind/:id',
    handle(ctx, async (req, res, params) => {
      const { actor, principal } = admin(ctx, req);
      const { kind, id } = parse(Params, params);
      const body = parse(OverrideInput, await readJson(req, 16 * 1024));
      requireCapability(principal, overrideCapability(ctx, kind, id, body));
      // Dismissing an urgent announcement takes it off every screen: tokens need the permission.
      if (kind === 'announcement' && ctx.store.records.announcements.get(id)?.urgent) {
        requirePermission(ctx.store, principal, 'urgent');
      }
      const overlaid = OVERLAY_FIELDS.filter((f) => body[f] !== undefined);
      const what = [
        body.hidden && 'hidden',
        body.cancelled && 'cancelled locally',
        body.note && 'noted',
        overlaid.length > 0 && `overlay ${overlaid.join(', ')}`,
      ]
        .filter(Boolean)
        .join(', ');
      const { override, events } = ctx.store.setOverride(kind, id, body, {
        audit: {
          actor,
          action: 'override.set',
          summary: what ? `Override on ${kind} ${id}: ${what}` : `Cleared the override on ${kind} ${id}`,
        },
      });
      sendJson(res, 200, { override, seq: events.at(-1)?.seq ?? ctx.store.seq });
    }),
  );
}
