import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/audit.ts';
import type { ApiTokenInfo } from '../../store/api-tokens.ts';
import type { Store } from '../../store/store.ts';
import { HttpError } from '../http-error.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { RateLimiter } from './rate-limiter.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const SESSION_COOKIE = 'marquee_session';
const PASSWORD_KEY = 'admin.passwordHash';

/**
 * Who made an authenticated request. `sessionId` is a short public handle
 * for the audit log, derived from the stored hash, never the cookie itself.
 */
export type Principal =
  | { kind: 'session'; tokenHash: string; sessionId: string }
  | { kind: 'token'; tokenId: string; tokenName: string };

/** Active API tokens allowed at once; a box office needs a handful. */
export const MAX_API_TOKENS = 100;

export interface AdminAuthOptions {
  /** How long a sign-in lasts. Default 12 hours (a shift). */
  sessionTtlMs?: number;
  /** Failed sign-ins allowed per address per 15 minutes. Default 5. */
  loginAttempts?: number;
  now?: () => number;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const passwordAlreadySet = () =>
  new HttpError({
    status: 409,
    code: 'password_already_set',
    message: 'a password is already set; sign in instead',
  });

const weakPassword = (field: string, problem: string) =>
  new HttpError({
    status: 400,
    code: 'validation_failed',
    message: `${field === 'password' ? 'password' : 'new password'} ${problem}`,
    fields: { [field]: { message: problem, code: 'weak_password', params: {} } },
  });

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Staff sign-in, sessions with CSRF tokens, and box-office API tokens. */
export class AdminAuth {
  readonly limiter: RateLimiter;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(
    private readonly store: Store,
    options: AdminAuthOptions = {},
  ) {
    this.#ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
    this.limiter = new RateLimiter(options.loginAttempts ?? 5, 15 * 60_000, 10_000, this.#now);
  }

  hasPassword(): boolean {
    return this.store.meta.get(PASSWORD_KEY) !== undefined;
  }

  /** Sets the password; signs every session out. */
  async setPassword(password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw weakPassword('password', problem);
    const hash = await hashPassword(password);
    this.store.db.transaction(() => {
      this.store.meta.set(PASSWORD_KEY, hash);
      this.store.sessions.deleteAll();
    })();
  }

  /**
   * First run: sets the password when none is set, and signs the caller in.
   * The route allows it from loopback only; the check is repeated inside the
   * write so two racing set-ups cannot both win.
   */
  async setup(password: string, actor: Actor): Promise<{ cookie: string; csrfToken: string }> {
    if (this.hasPassword()) throw passwordAlreadySet();
    const problem = passwordProblem(password);
    if (problem) throw weakPassword('password', problem);
    const hash = await hashPassword(password);
    const audit = { actor, action: 'password.setup', summary: 'Set the first admin password' };
    this.store.audited(audit, { type: 'password', id: 'admin', change: 'created' }, () => {
      if (this.hasPassword()) throw passwordAlreadySet();
      this.store.meta.set(PASSWORD_KEY, hash);
    });
    return this.#startSession();
  }

  /** Checks the password; on success creates a session. Throttled per address. */
  async login(password: string, address: string): Promise<{ cookie: string; csrfToken: string }> {
    this.#throttle(address);
    const stored = this.store.meta.get(PASSWORD_KEY);
    if (!stored) {
      throw new HttpError({
        status: 503,
        code: 'not_set_up',
        message: 'no admin password is set yet; set one first',
      });
    }
    if (!(await verifyPassword(password, stored))) {
      this.limiter.fail(address);
      throw new HttpError({ status: 401, code: 'wrong_password', message: 'wrong password' });
    }
    this.limiter.reset(address);
    return this.#startSession();
  }

  /**
   * Replaces the password after checking the current one (throttled like
   * sign-in). Every session ends; the caller gets a fresh one.
   */
  async changePassword(
    current: string,
    next: string,
    address: string,
    actor: Actor,
  ): Promise<{ cookie: string; csrfToken: string }> {
    this.#throttle(address);
    const problem = passwordProblem(next);
    if (problem) throw weakPassword('newPassword', problem);
    const stored = this.store.meta.get(PASSWORD_KEY);
    if (!stored || !(await verifyPassword(current, stored))) {
      this.limiter.fail(address);
      throw new HttpError({
        status: 403,
        code: 'wrong_current_password',
        message: 'the current password is wrong',
        fields: { currentPassword: { message: 'is wrong', code: 'wrong_password', params: {} } },
      });
    }
    this.limiter.reset(address);
    const hash = await hashPassword(next);
    const audit = {
      actor,
      action: 'password.change',
      summary: 'Changed the admin password; all sessions ended',
    };
    this.store.audited(audit, { type: 'password', id: 'admin', change: 'updated' }, () => {
      this.store.meta.set(PASSWORD_KEY, hash);
      this.store.sessions.deleteAll();
    });
    return this.#startSession();
  }

  #throttle(address: string): void {
    const wait = this.limiter.retryAfter(address);
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      throw new HttpError(429, 'too many sign-in attempts; try again later', undefined, {
        'Retry-After': seconds,
      });
    }
  }

  #startSession(): { cookie: string; csrfToken: string } {
    const token = newSecret();
    const csrfToken = newSecret();
    const now = this.#now();
    this.store.sessions.expire(now);
    this.store.sessions.create(hashSecret(token), csrfToken, now, now + this.#ttl);
    return { cookie: this.#cookie(token, this.#ttl), csrfToken };
  }

  /** A cookie that clears the session cookie. */
  logoutCookie(): string {
    return this.#cookie('', 0);
  }

  logout(req: IncomingMessage): void {
    const token = this.#sessionToken(req);
    if (token) this.store.sessions.delete(hashSecret(token));
  }

  /** The CSRF token of the request's session, for a page that reloads. */
  csrfTokenOf(req: IncomingMessage): string | undefined {
    const token = this.#sessionToken(req);
    return token ? this.store.sessions.find(hashSecret(token), this.#now())?.csrfToken : undefined;
  }

  /** The request's principal; 401 without valid credentials, 403 for a cookie write without the CSRF token. */
  authenticate(req: IncomingMessage): Principal {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(auth);
      const found = m?.[1] ? this.store.apiTokens.use(hashSecret(m[1]), this.#now()) : undefined;
      if (!found)
        throw new HttpError({
          status: 401,
          code: 'token_invalid',
          message: 'the API token is not valid',
          headers: { 'WWW-Authenticate': 'Bearer' },
        });
      return { kind: 'token', tokenId: found.id, tokenName: found.name };
    }
    const token = this.#sessionToken(req);
    const tokenHash = token && hashSecret(token);
    const session = tokenHash ? this.store.sessions.find(tokenHash, this.#now()) : undefined;
    if (!tokenHash || !session) throw new HttpError(401, 'sign in first');
    if (MUTATING.has(req.method ?? '')) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new HttpError({
          status: 403,
          code: 'csrf_missing',
          message: 'missing or wrong X-CSRF-Token header',
        });
      }
    }
    return { kind: 'session', tokenHash, sessionId: `s-${tokenHash.slice(0, 8)}` };
  }

  /** Creates an API token with `permissions` (default none); the returned secret is shown once and never stored. */
  createApiToken(
    name: string,
    actor?: Actor,
    permissions: readonly string[] = [],
  ): { id: string; token: string } {
    const token = newSecret();
    const id = `tok_${newSecret().slice(0, 12)}`;
    const write = () => {
      const active = this.store.apiTokens.list().filter((t) => t.revokedAt === null).length;
      if (active >= MAX_API_TOKENS) {
        throw new HttpError({
          status: 409,
          code: 'token_limit',
          message: `at most ${MAX_API_TOKENS} API tokens may be active; revoke one first`,
          params: { maximum: MAX_API_TOKENS },
        });
      }
      this.store.apiTokens.create(id, name, hashSecret(token), this.#now());
      this.store.tokenPermissions.grant(id, permissions);
    };
    if (!actor) write();
    else {
      const audit = { actor, action: 'token.create', summary: `Created API token "${name}"` };
      this.store.audited(audit, { type: 'token', id, change: 'created' }, write);
    }
    return { id, token };
  }

  listApiTokens(): ApiTokenInfo[] {
    return this.store.apiTokens.list();
  }

  /** Revokes a token at once: its next request gets 401. */
  revokeApiToken(id: string, actor: Actor): void {
    const token = this.store.apiTokens.get(id);
    if (!token || token.revokedAt !== null) throw new HttpError(404, 'no such active API token');
    const audit = { actor, action: 'token.revoke', summary: `Revoked API token "${token.name}"` };
    this.store.audited(audit, { type: 'token', id, change: 'removed' }, () =>
      this.store.apiTokens.revoke(id, this.#now()),
    );
  }

  #sessionToken(req: IncomingMessage): string | undefined {
    const header = req.headers.cookie;
    return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
  }

  #cookie(value: string, maxAgeMs: number): string {
    return stringifySetCookie({
      name: SESSION_COOKIE,
      value,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      maxAge: Math.floor(maxAgeMs / 1000),
    });
  }
}
