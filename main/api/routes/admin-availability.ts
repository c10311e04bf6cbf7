import { z } from 'zod';
import { Availability } from '../../domain/records.ts';
import type { AppContext } from '../context.ts';
import { HttpError, invalid } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin } from './admin-kit.ts';

const Body = z.strictObject({ seatsAvailable: Availability.shape.seatsAvailable });

/** The box office's hot path: seats left for one showtime. */
export function adminAvailabilityRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'PATCH',
    '/api/admin/showtimes/:id/availability',
    handle(ctx, async (req, res, params) => {
      const { actor } = admin(ctx, req, 'seats');
      const json = await readJson(req, 4096);
      const body = Body.safeParse(json);
      if (!body.success) throw invalid(body.error, { input: json });
      const change = Availability.safeParse({
        showtimeId: params['id'],
        seatsAvailable: body.data.seatsAvailable,
      });
      if (!change.success) throw invalid(change.error);
      if (!ctx.store.records.showtimes.get(change.data.showtimeId)) {
        throw new HttpError({
          status: 404,
          code: 'not_found',
          message: `showtime ${change.data.showtimeId} does not exist`,
          params: { id: change.data.showtimeId },
        });
      }
      const { showtimeId, seatsAvailable } = change.data;
      const [event] = ctx.store.apply([{ type: 'availability', data: change.data }], {
        origin: 'local',
        audit: {
          actor,
          action: 'showtime.seats',
          summary: `Set seats of showtime ${showtimeId} to ${seatsAvailable}`,
        },
      });
      const showtime = ctx.store.records.showtimes.get(change.data.showtimeId);
      // `changed: false` when the seats already had that value: nothing was logged, `seq` is the current one.
      sendJson(res, 200, { showtime, seq: event?.seq ?? ctx.store.seq, changed: event !== undefined });
    }),
  );
}
