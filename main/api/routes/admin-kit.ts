import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { TokenPermission } from '../../domain/admin-requests.ts';
import type { Actor } from '../../domain/audit.ts';
import { textProblem } from '../../domain/text-safety.ts';
import { BatchRejectedError } from '../../store/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Principal } from '../auth/admin-auth.ts';
import type { AppContext } from '../context.ts';
import { requireAdmin } from '../guard.ts';
import { HttpError, invalid } from '../http-error.ts';

/** Shared pieces of the admin routes: who is asking, parsing, ids, batch errors. */

export const addressOf = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';

export function actorOf(principal: Principal, req: IncomingMessage): Actor {
  return principal.kind === 'session'
    ? { kind: 'session', id: principal.sessionId, name: 'staff', address: addressOf(req) }
    : { kind: 'token', id: principal.tokenId, name: principal.tokenName, address: addressOf(req) };
}

/** An authenticated admin request and the actor to audit it under. */
export function admin(ctx: AppContext, req: IncomingMessage): { principal: Principal; actor: Actor } {
  const principal = requireAdmin(ctx, req);
  return { principal, actor: actorOf(principal, req) };
}

/** Sign-in matters (tokens, password) are for staff in the admin, not for box-office tokens. */
export function staffOnly(ctx: AppContext, req: IncomingMessage): { principal: Principal; actor: Actor } {
  const who = admin(ctx, req);
  if (who.principal.kind !== 'session') {
    throw new HttpError(403, 'API tokens cannot manage sign-in; use the admin page');
  }
  return who;
}

const PERMISSION_WORDS: Readonly<Record<TokenPermission, string>> = {
  urgent: 'post, edit or dismiss urgent announcements',
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

/** The first string in `value` (key or value) that is not text a screen should show; iterative, so depth cannot overflow. */
function oddText(value: unknown): { path: string; problem: string } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const where = item.path.join('.') || '(body)';
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) return { path: where, problem };
    } else if (item.value && typeof item.value === 'object') {
      if (item.path.length >= MAX_DEPTH) return { path: where, problem: 'is nested too deeply' };
      for (const [k, v] of Object.entries(item.value)) {
        const problem = textProblem(k);
        if (problem) return { path: where, problem: `has a key that ${problem}` };
        stack.push({ value: v, path: [...item.path, k] });
      }
    }
  }
  return undefined;
}

/** Validates a body or query against `schema` after refusing text no screen should show. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const odd = oddText(value);
  if (odd) throw new HttpError(400, 'the request has invalid fields', { [odd.path]: odd.problem });
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/** The query string as a plain object; a repeated key is refused rather than guessed at. */
export function queryOf(req: IncomingMessage): Record<string, string> {
  const params = new URL(req.url ?? '/', 'http://hub').searchParams;
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (Object.hasOwn(out, key)) throw new HttpError(400, `query parameter ${key} is repeated`);
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

/** Where uploaded posters live: `posters/` beside the database, as the hub lays out its data folder. */

export interface RowProblem {
  /** 1-based line in an imported file, when the batch came from one. */
  line?: number;
  /** What the row is about, e.g. a showtime id or "IMAX 19:30". */
  label?: string;
  fields: Record<string, string>;
}

/** A rejected batch as a 400 listing every row at fault. */
export function batchProblem(message: string, rows: RowProblem[]): HttpError {
  return new HttpError(400, message, undefined, undefined, { rows });
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
    err.failures.map((f) => ({
      ...rowOf(f.index),
      fields: { [f.error.field ? fieldName(f.error.field) : '(row)']: f.error.message },
    })),
  );
}
