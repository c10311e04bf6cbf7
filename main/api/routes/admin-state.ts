import { z } from 'zod';
import { AuditEntryIdParam } from '../../domain/audit.ts';
import { LATER_FIELDS, VenueBody, withLaterFields } from '../../domain/admin-requests.ts';
import { MergePatchBody, applyMergePatch } from '../../domain/merge-patch.ts';
import { Venue, type VenueSettingsPatch, mergeSettings } from '../../domain/records.ts';
import { VersionConflictError } from '../../store/errors.ts';
import type { AppContext } from '../context.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse, queryOf } from './admin-kit.ts';

const AuditQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be 1–500')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 500, 'must be 1–500')
    .default(100),
  before: AuditEntryIdParam.optional(),
});

/** What the admin reads: the stored records with their overrides, the venue, the audit log. */
export function adminStateRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'GET',
    '/api/admin/state',
    handle(ctx, (req, res) => {
      admin(ctx, req);
      const { seq, ...records } = ctx.store.storedState();
      sendJson(res, 200, { seq, now: new Date().toISOString(), ...records, status: ctx.status() });
    }),
  );

  router.on(
    'PUT',
    '/api/admin/venue',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'venue');
      const body = parse(VenueBody, await readJson(req, 64 * 1024));
      const current = ctx.store.venue();
      const { settings, ...fields } = withLaterFields(body, current, LATER_FIELDS.venue);
      const venue = parse(Venue, {
        ...fields,
        id: current.id,
        settings: mergeSettings(current.settings, settings as VenueSettingsPatch),
      });
      const [event] = ctx.store.apply([{ type: 'venue', data: venue }], {
        checkVersions: true,
        audit: { actor, action: 'venue.update', summary: `Edited the venue "${venue.name}"` },
      });
      sendJson(res, 200, { record: ctx.store.venue(), seq: event?.seq ?? ctx.store.seq });
    }),
  );

  router.on(
    'PATCH',
    '/api/admin/venue',
    handle(ctx, async (req, res) => {
      const { actor } = admin(ctx, req, 'venue');
      const { version, ...patch } = parse(MergePatchBody, await readJson(req, 64 * 1024));
      const current = ctx.store.venue();
      if (current.version !== version) {
        throw new VersionConflictError(
          `the venue was changed by someone else (version ${current.version}, not ${version})`,
          current,
        );
      }
      const { version: _v, ...base } = current;
      const venue = parse(Venue, { ...(applyMergePatch(base, patch) as object), id: current.id, version });
      const [event] = ctx.store.apply([{ type: 'venue', data: venue }], {
        checkVersions: true,
        audit: { actor, action: 'venue.update', summary: `Edited the venue "${venue.name}"` },
      });
      sendJson(res, 200, { record: ctx.store.venue(), seq: event?.seq ?? ctx.store.seq });
    }),
  );

  router.on(
    'GET',
    '/api/admin/audit',
    handle(ctx, (req, res) => {
      admin(ctx, req);
      const q = parse(AuditQuery, queryOf(req));
      const entries = ctx.store.audit.page(q.limit, q.before);
      sendJson(res, 200, { entries, more: entries.length === q.limit });
    }),
  );
}
