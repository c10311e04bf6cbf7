import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { TokenPermission } from '../../domain/admin-requests.ts';
import type { Actor } from '../../domain/audit.ts';
import { type Capability, mayDo } from '../../domain/staff.ts';
import { type ErrorParams, type RowProblem, isFieldCode } from '../../domain/api-error.ts';
import { findTextProblem } from '../../domain/text-safety.ts';
import { BatchRejectedError } from '../../store/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Principal } from '../auth/admin-auth.ts';
import type { AppContext } from '../context.ts';
import { requireAdmin } from '../guard.ts';
import { HttpError, invalid } from '../http-error.ts';

/** Shared pieces of the admin routes: who is asking, parsing, ids, batch errors. */

export const addressOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';

/** The audit log names the person: their account's name, with the session as the id. */
export function actorOf(principal: Principal, req: IncomingMessage): Actor {
  return principal.kind === 'session'
    ? { kind: 'session', id: principal.sessionId, name: principal.staff.name, address: addressOf(req) }
    : { kind: 'token', id: principal.tokenId, name: principal.tokenName, address: addressOf(req) };
}

const CAPABILITY_WORDS: Readonly<Record<Capability, string>> = {
  read: 'read the admin',
  seats: 'change seats',
  cancel: 'cancel or reinstate shows',
  announce: 'post announcements',
  schedule: 'change the schedule, films or auditoriums',
  delete: 'delete records',
  venue: 'change venue settings, screens or posters',
  staff: 'manage staff accounts or API tokens',
};

/**
 * An authenticated admin request allowed to do `capability`, and the actor
 * to audit it under. A signed-in person's role decides (403 `role_forbidden`
 * otherwise); an API token keeps what tokens always could (everything but
 * sign-in matters, which are `staffOnly`), its permissions checked per route.
 */
export function admin(
  ctx: AppContext,
  req: IncomingMessage,
  capability: Capability = 'read',
): { principal: Principal; actor: Actor } {
  const principal = requireAdmin(ctx, req);
  requireCapability(principal, capability);
  return { principal, actor: actorOf(principal, req) };
}

/** Refuses a signed-in person whose role may not do `capability` (403 `role_forbidden`); tokens pass. */
export function requireCapability(principal: Principal, capability: Capability): void {
  if (principal.kind === 'session' && !mayDo(principal.staff.role, capability)) {
    throw new HttpError({
      status: 403,
      code: 'role_forbidden',
      message: `${principal.staff.name} (${principal.staff.role === 'box_office' ? 'box office' : 'manager'}) may not ${CAPABILITY_WORDS[capability]}; ask a manager`,
      params: { role: principal.staff.role, capability },
    });
  }
}

/** Sign-in matters (tokens, passwords, staff) are for people in the admin, not for box-office tokens. */
export function staffOnly(
  ctx: AppContext,
  req: IncomingMessage,
  capability: Capability = 'read',
): { principal: Extract<Principal, { kind: 'session' }>; actor: Actor } {
  const { principal, actor } = admin(ctx, req, capability);
  if (principal.kind !== 'session') {
    throw new HttpError({
      status: 403,
      code: 'staff_only',
      message: 'API tokens cannot manage sign-in; use the admin page',
    });
  }
  return { principal, actor };
}

const PERMISSION_WORDS: Readonly<Record<TokenPermission, string>> = {
  urgent: 'post, edit or dismiss urgent announcements',
  metrics: 'read /metrics',
};

/** Staff may do everything; an API token only what it was given (403 otherwise). */
export function requirePermission(store: Store, principal: Principal, permission: TokenPermission): void {
  if (principal.kind !== 'token' || store.tokenPermissions.has(principal.tokenId, permission)) return;
  throw new HttpError(
    403,
    `this API token may not ${PERMISSION_WORDS[permission]}; staff can create a token with the "${permission}" permission`,
  );
}

/** Admin bodies are a few levels deep; anything deeper is refused before it is walked. */
const MAX_DEPTH = 16;

/** Validates a body or query against `schema` after refusing text no screen should show. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const odd = findTextProblem(value, '(body)', MAX_DEPTH);
  if (odd) {
    const params: ErrorParams = odd.code === 'too_deep' ? { maxDepth: MAX_DEPTH } : {};
    throw new HttpError({
      status: 400,
      code: 'validation_failed',
      message: 'the request has invalid fields',
      fields: { [odd.path]: { message: odd.problem, code: odd.code, params } },
    });
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error, { input: value });
  return result.data;
}

/** The query string as a plain object; a repeated key is refused rather than guessed at. */
export function queryOf(req: IncomingMessage): Record<string, string> {
  const params = new URL(req.url ?? '/', 'http://hub').searchParams;
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (Object.hasOwn(out, key)) {
      throw new HttpError({
        status: 400,
        code: 'query_repeated',
        message: `query parameter ${key} is repeated`,
        params: { parameter: key },
      });
    }
    out[key] = value;
  }
  return out;
}

/** A new record id: a readable prefix and 10 random base-36 characters. */
export const newId = (prefix: string): string =>
  `${prefix}-${BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(10, '0')
    .slice(-10)}`;

/**
 * A rejected batch as a 400 listing every row at fault. A row that gives only
 * sentences gets the code `invalid` for each field, so every row has `fieldCodes`.
 */
export function batchProblem(message: string, rows: RowProblem[]): HttpError {
  const coded = rows.map((row) => ({
    ...row,
    fieldCodes: {
      ...Object.fromEntries(
        Object.keys(row.fields).map((k) => [k, { code: 'invalid' as const, params: {} }]),
      ),
      ...row.fieldCodes,
    },
  }));
  return new HttpError({ status: 400, code: 'batch_rejected', message, body: { rows: coded } });
}

/** Maps a store batch rejection to per-row problems via `rowOf(index)`. */
export function fromBatch(
  err: unknown,
  rowOf: (index: number) => Omit<RowProblem, 'fields'>,
  message: string,
  fieldName: (field: string) => string = (f) => f,
): HttpError | undefined {
  if (!(err instanceof BatchRejectedError)) return undefined;
  return batchProblem(
    message,
    err.failures.map((f) => {
      const key = f.error.field ? fieldName(f.error.field) : '(row)';
      const problem = f.error.problem;
      const code = problem && isFieldCode(problem.code) ? problem.code : 'invalid';
      return {
        ...rowOf(f.index),
        fields: { [key]: f.error.message },
        fieldCodes: { [key]: { code, params: problem?.params ?? {} } },
      };
    }),
  );
}
