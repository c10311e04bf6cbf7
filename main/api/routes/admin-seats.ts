import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { Id } from '../../domain/primitives.ts';
import {
  IdempotencyKey,
  type SeatAnswer,
  SeatChangeBody,
  type SeatOutcome,
  type SeatRequest,
} from '../../domain/seat-change.ts';
import type { Principal } from '../auth/admin-auth.ts';
import type { AppContext } from '../context.ts';
import { HttpError, errorBody } from '../http-error.ts';
import { readJson, sendJson } from '../http.ts';
import { handle, type Router } from '../router.ts';
import { admin, parse } from './admin-kit.ts';

const PathParams = z.strictObject({ showtimeId: Id });

/** Set on an answer replayed from its `Idempotency-Key` rather than made again. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** The key a request claims, if it sent one; a malformed key is refused before anything happens. */
function keyOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = IdempotencyKey.safeParse(raw);
  if (!key.success) {
    throw new HttpError({
      status: 400,
      code: 'idempotency_key_invalid',
      message: 'the Idempotency-Key header must be 1–255 visible ASCII characters, sent once',
    });
  }
  return key.data;
}

/** Keys are per credential: one token's key never answers for another token or a session. */
const scopeOf = (p: Principal): string =>
  p.kind === 'token' ? `token:${p.tokenId}` : `session:${p.sessionId}`;

/**
 * The HTTP answer of an outcome. Made the same way the first time and on a
 * replay, from the same stored outcome, so a retry reads exactly what the
 * first request would have.
 */
export function seatAnswer(outcome: SeatOutcome): { status: number; body: unknown } {
  switch (outcome.kind) {
    case 'applied': {
      const body: SeatAnswer = { showtime: outcome.showtime, seq: outcome.seq, changed: outcome.changed };
      return { status: 200, body };
    }
    case 'refused': {
      const { showtime, requested } = outcome;
      const left = showtime.seatsAvailable;
      const message =
        outcome.reason === 'oversell'
          ? `only ${left} seat(s) left for showtime ${showtime.id}; cannot sell ${requested}`
          : `showtime ${showtime.id} has ${left} of ${showtime.capacity} seat(s) free; cannot release ${requested}`;
      const err = new HttpError({
        status: 409,
        code: outcome.reason,
        message,
        params: { requested, seatsAvailable: left, capacity: showtime.capacity },
        body: { current: showtime },
      });
      return { status: err.status, body: errorBody(err) };
    }
    case 'upstream_owned': {
      const err = new HttpError({
        status: 409,
        code: 'upstream_owned',
        message: `showtime ${outcome.showtimeId} is owned by the upstream feed (source: upstream); its seats change there`,
        params: { id: outcome.showtimeId, source: 'upstream' },
      });
      return { status: err.status, body: errorBody(err) };
    }
    case 'not_found': {
      const err = new HttpError({
        status: 404,
        code: 'not_found',
        message: `showtime ${outcome.showtimeId} does not exist`,
        params: { id: outcome.showtimeId },
      });
      return { status: err.status, body: errorBody(err) };
    }
  }
}

/**
 * `POST /api/admin/showtimes/:id/seats` with `{ sell: n }` or `{ release: n }`:
 * the box office's relative change, for several terminals selling at once.
 * An `Idempotency-Key` makes a retry safe. Same credentials as the absolute
 * `PATCH …/availability`.
 */
export function adminSeatRoutes(router: Router, ctx: AppContext): void {
  router.on(
    'POST',
    '/api/admin/showtimes/:id/seats',
    handle(ctx, async (req, res, params) => {
      const { principal, actor } = admin(ctx, req, 'seats');
      const key = keyOf(req);
      const { showtimeId } = parse(PathParams, { showtimeId: params['id'] });
      const request: SeatRequest = { showtimeId, ...parse(SeatChangeBody, await readJson(req, 4096)) };
      const verb = request.op === 'sell' ? 'Sold' : 'Released';
      const result = ctx.store.changeSeats(request, {
        ...(key !== undefined && { claim: { scope: scopeOf(principal), key } }),
        audit: {
          actor,
          action: 'showtime.seats',
          summary: `${verb} ${request.seats} seat(s) of showtime ${showtimeId}`,
        },
      });
      if (result.kind === 'key_reused') {
        throw new HttpError({
          status: 422,
          code: 'idempotency_key_reused',
          message: 'this Idempotency-Key was used with a different request; send a new key for a new change',
          params: { key: key ?? '' },
        });
      }
      const answer = seatAnswer(result.outcome);
      sendJson(
        res,
        answer.status,
        answer.body,
        result.kind === 'replay' ? { [REPLAYED_HEADER]: 'true' } : {},
      );
    }),
  );
}
