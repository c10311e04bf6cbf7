import { HttpError } from '../http-error.ts';
import type { z } from 'zod';
import { VersionQuery } from '../../domain/admin-requests.ts';
import type { Change } from '../../domain/events.ts';
import { MergePatchBody, applyMergePatch } from '../../domain/merge-patch.ts';
import type { Source } from '../../domain/primitives.ts';
import type { Capability } from '../../domain/staff.ts';
import { NotFoundError, VersionConflictError } from '../../store/errors.ts';
import type { RecordTable } from '../../store/record-table.ts';
import type { ApplyOptions, Store } from '../../store/store.ts';
import type { Principal } from '../auth/admin-auth.ts';
import type { AppContext } from '../context.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, newId, parse, queryOf } from './admin-kit.ts';

type Stored = { id: string; version?: number | undefined; source?: Source };

/** How one kind of record is created, edited and deleted through the admin API. */
export interface RecordKind<R extends Stored, C extends { id?: string | undefined }, U> {
  /** Singular, as in `film.upsert`. */
  kind: 'auditorium' | 'film' | 'showtime' | 'announcement' | 'playlist' | 'media';
  /** Plural path segment under `/api/admin/`. */
  path: string;
  /** Prefix of generated ids. */
  idPrefix: string;
  table: (store: Store) => Pick<RecordTable<R, never>, 'get'>;
  createBody: z.ZodType<C>;
  updateBody: z.ZodType<U>;
  /** The domain schema the whole record must pass (cross-field rules live there). */
  record: z.ZodType<R>;
  /** The record a body describes; `current` is the stored one on update. */
  toRecord: (body: C | U, id: string, store: Store, current: R | undefined) => unknown;
  /** One line for the audit log. */
  describe: (record: R, store: Store) => string;
  /** What creating and editing one takes (deleting takes `delete`, whatever the kind). */
  capability: Capability;
  /** Refuses a write the caller may not make (a token without a permission); `record` is absent on delete. */
  authorize?: (principal: Principal, store: Store, record: R | undefined, current: R | undefined) => void;
  /** Extra store options, e.g. schedule rules with `force`. */
  applyOptions?: (body: C | U) => ApplyOptions;
  /** The only fields a `PATCH` may change (a media file's type and size are its bytes'). Default: any. */
  patchable?: readonly string[];
}

/**
 * Registers `POST /api/admin/{path}`, `PUT /api/admin/{path}/:id` (a full
 * replace), `PATCH /api/admin/{path}/:id` (a JSON merge-patch with `version`)
 * and `DELETE /api/admin/{path}/:id?version=`.
 */
export function recordRoutes<R extends Stored, C extends { id?: string | undefined }, U>(
  router: Router,
  ctx: AppContext,
  k: RecordKind<R, C, U>,
): void {
  const write = (
    record: R,
    body: C | U,
    action: string,
    summary: string,
    actor: ReturnType<typeof admin>['actor'],
  ) => {
    // The record type matches `${kind}.upsert` by construction of RecordKind.
    const change = { type: `${k.kind}.upsert`, data: record } as unknown as Change;
    const [event] = ctx.store.apply([change], {
      checkVersions: true,
      audit: { actor, action, summary },
      ...k.applyOptions?.(body),
    });
    return { record: k.table(ctx.store).get(record.id), seq: event?.seq ?? ctx.store.seq };
  };

  router.on(
    'POST',
    `/api/admin/${k.path}`,
    handle(ctx, async (req, res) => {
      const { actor, principal } = admin(ctx, req, k.capability);
      const body = parse(k.createBody, await readJson(req));
      const id = body.id ?? newId(k.idPrefix);
      const record = parse(k.record, k.toRecord(body, id, ctx.store, undefined));
      k.authorize?.(principal, ctx.store, record, undefined);
      const summary = `Created ${k.kind} ${k.describe(record, ctx.store)}`;
      sendJson(res, 201, write(record, body, `${k.kind}.create`, summary, actor));
    }),
  );

  router.on(
    'PUT',
    `/api/admin/${k.path}/:id`,
    handle(ctx, async (req, res, params) => {
      const { actor, principal } = admin(ctx, req, k.capability);
      const id = params['id'] ?? '';
      const body = parse(k.updateBody, await readJson(req));
      const current = k.table(ctx.store).get(id);
      if (!current) throw new NotFoundError(`${k.kind} ${id} does not exist`, 'id');
      const record = parse(k.record, k.toRecord(body, id, ctx.store, current));
      k.authorize?.(principal, ctx.store, record, current);
      const summary = `Edited ${k.kind} ${k.describe(record, ctx.store)}`;
      sendJson(res, 200, write(record, body, `${k.kind}.update`, summary, actor));
    }),
  );

  router.on(
    'PATCH',
    `/api/admin/${k.path}/:id`,
    handle(ctx, async (req, res, params) => {
      const { actor, principal } = admin(ctx, req, k.capability);
      const id = params['id'] ?? '';
      const { version, ...patch } = parse(MergePatchBody, await readJson(req));
      const current = k.table(ctx.store).get(id);
      if (!current) throw new NotFoundError(`${k.kind} ${id} does not exist`, 'id');
      if (current.version !== version) {
        throw new VersionConflictError(
          `${k.kind} ${id} was changed by someone else (version ${current.version}, not ${version})`,
          current,
        );
      }
      const fixed = k.patchable && Object.keys(patch).filter((key) => !k.patchable!.includes(key));
      if (fixed && fixed.length > 0) {
        throw new HttpError({
          status: 400,
          code: 'validation_failed',
          message: `only ${k.patchable!.join(', ')} of a ${k.kind} can change`,
          fields: Object.fromEntries(
            fixed.map((key) => [key, { message: 'cannot change', code: 'invalid', params: {} }]),
          ),
        });
      }
      const { version: _v, source: _s, ...base } = current;
      const record = parse(k.record, { ...(applyMergePatch(base, patch) as object), id, version });
      k.authorize?.(principal, ctx.store, record, current);
      const summary = `Edited ${k.kind} ${k.describe(record, ctx.store)}`;
      sendJson(res, 200, write(record, patch as U, `${k.kind}.update`, summary, actor));
    }),
  );

  router.on(
    'DELETE',
    `/api/admin/${k.path}/:id`,
    handle(ctx, (req, res, params) => {
      const { actor, principal } = admin(ctx, req, 'delete');
      const id = params['id'] ?? '';
      const { version } = parse(VersionQuery, queryOf(req));
      // Read, compare and delete in one synchronous step: no other write can come between.
      const current = k.table(ctx.store).get(id);
      if (!current) throw new NotFoundError(`${k.kind} ${id} does not exist`, 'id');
      k.authorize?.(principal, ctx.store, undefined, current);
      if (current.version !== version) {
        throw new VersionConflictError(
          `${k.kind} ${id} was changed by someone else (version ${current.version}, not ${version})`,
          current,
        );
      }
      const change = { type: `${k.kind}.remove`, data: { id } } as Change;
      const [event] = ctx.store.apply([change], {
        audit: {
          actor,
          action: `${k.kind}.delete`,
          summary: `Deleted ${k.kind} ${k.describe(current, ctx.store)}`,
        },
      });
      sendJson(res, 200, { ok: true, seq: event?.seq ?? ctx.store.seq });
    }),
  );
}
