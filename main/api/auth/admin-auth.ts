import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/audit.ts';
import type { ApiTokenInfo } from '../../store/api-tokens.ts';
import type { Store } from '../../store/store.ts';
import { HttpError } from '../http-error.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { type SignInLimits, SignInGate } from './sign-in-gate.ts';
import { hashSecret, newSecret } from './tokens.ts';

export { MAX_API_TOKENS } from '../../store/api-tokens.ts';

export const SESSION_COOKIE = 'marquee_session';

/**
 * Who made an authenticated request. `sessionId` is a short public handle
 * for the audit log, derived from the stored hash, never the cookie itself.
 */
export type Principal =
  | { kind: 'session'; tokenHash: string; sessionId: string }
  | { kind: 'token'; tokenId: string; tokenName: string };

export interface AdminAuthOptions {
  /** How long a sign-in lasts. Default 12 hours (a shift). */
  sessionTtlMs?: number;
  /** Limits on sign-in attempts and password checks; see `SignInLimits` for the defaults. */
  limits?: SignInLimits;
  now?: () => number;
}

/** The actor of writes the hub makes for itself (a first password from the environment, a token from a script). */
export const HUB_ACTOR: Actor = Object.freeze({ kind: 'system', id: 'hub', name: 'hub' });

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

function checkNewPassword(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw weakPassword(field, problem);
}

/** Staff sign-in, sessions with CSRF tokens, and box-office API tokens. */
export class AdminAuth {
  /** Sign-in attempts per address and password checks hub-wide. */
  readonly gate: SignInGate;
  readonly #ttl: number;
  readonly #now: () => number;
  /** The password hash this hub last saw; a different one was set on the hub machine (`marquee reset-password`). */
  #hashSeen: string | undefined;

  constructor(
    private readonly store: Store,
    options: AdminAuthOptions = {},
  ) {
    this.#ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
    this.gate = new SignInGate(options.limits, this.#now);
    try {
      this.#hashSeen = store.password.hash();
    } catch {
      // A database that cannot say yet: health reports the read, and the hub starts anyway.
      this.#hashSeen = undefined;
    }
  }

  hasPassword(): boolean {
    return this.#currentHash() !== undefined;
  }

  /**
   * The first password, from `MARQUEE_ADMIN_PASSWORD`: set (and audited) if
   * none is set yet. Returns false, changing nothing, if one already is.
   */
  async setInitialPassword(password: string): Promise<boolean> {
    if (this.hasPassword()) return false;
    const problem = passwordProblem(password);
    if (problem) throw new Error(`MARQUEE_ADMIN_PASSWORD ${problem}`);
    const hash = await hashPassword(password);
    const audit = {
      actor: HUB_ACTOR,
      action: 'password.setup',
      summary: 'Set the first admin password from MARQUEE_ADMIN_PASSWORD',
    };
    if (this.hasPassword()) return false;
    this.store.password.set(hash, this.#now(), audit, { ifUnset: true });
    this.#hashSeen = hash;
    return true;
  }

  /**
   * First run: sets the password when none is set, and signs the caller in.
   * The route allows it from loopback only; the store repeats the check
   * inside the write so two racing set-ups cannot both win.
   */
  async setup(password: string, actor: Actor): Promise<{ cookie: string; csrfToken: string }> {
    if (this.hasPassword()) throw passwordAlreadySet();
    checkNewPassword(password, 'password');
    const hash = await this.gate.hash(() => hashPassword(password));
    const audit = { actor, action: 'password.setup', summary: 'Set the first admin password' };
    this.store.password.set(hash, this.#now(), audit, { ifUnset: true });
    this.#hashSeen = hash;
    return this.#startSession();
  }

  /** Checks the password; on success creates a session. Limited per address and hub-wide (`SignInGate`). */
  async login(password: string, address: string): Promise<{ cookie: string; csrfToken: string }> {
    if (!this.#currentHash()) {
      throw new HttpError({
        status: 503,
        code: 'not_set_up',
        message: 'no admin password is set yet; set one first',
      });
    }
    const right = await this.gate.attempt(address, async () => {
      // Read again: the password may have changed while this attempt waited its turn.
      const stored = this.store.password.hash();
      return stored && (await verifyPassword(password, stored)) ? true : undefined;
    });
    if (!right) throw new HttpError({ status: 401, code: 'wrong_password', message: 'wrong password' });
    return this.#startSession();
  }

  /**
   * Replaces the password after checking the current one (limited like
   * sign-in). Every session ends, and every API token too if asked; the
   * caller gets a fresh session.
   */
  async changePassword(
    current: string,
    next: string,
    address: string,
    actor: Actor,
    options: { revokeApiTokens?: boolean } = {},
  ): Promise<{ cookie: string; csrfToken: string; tokensRevoked: number }> {
    checkNewPassword(next, 'newPassword');
    const hash = await this.gate.attempt(address, async () => {
      const stored = this.#currentHash();
      // The new hash is made in the same slot: one check, one hash, no second wait.
      return stored && (await verifyPassword(current, stored)) ? hashPassword(next) : undefined;
    });
    if (!hash) {
      throw new HttpError({
        status: 403,
        code: 'wrong_current_password',
        message: 'the current password is wrong',
        fields: { currentPassword: { message: 'is wrong', code: 'wrong_password', params: {} } },
      });
    }
    const audit = {
      actor,
      action: 'password.change',
      summary: options.revokeApiTokens
        ? 'Changed the admin password; all sessions ended and every API token revoked'
        : 'Changed the admin password; all sessions ended',
    };
    const change = this.store.password.set(hash, this.#now(), audit, options);
    this.#hashSeen = hash;
    return { ...this.#startSession(), tokensRevoked: change.tokensRevoked.length };
  }

  /** The stored hash; one this hub did not set itself (a reset on the hub machine) lifts every sign-in delay. */
  #currentHash(): string | undefined {
    const hash = this.store.password.hash();
    if (hash !== this.#hashSeen) {
      this.#hashSeen = hash;
      this.gate.clear();
    }
    return hash;
  }

  #startSession(): { cookie: string; csrfToken: string } {
    const token = newSecret();
    const csrfToken = newSecret();
    const now = this.#now();
    this.store.sessions.create(hashSecret(token), csrfToken, now, now + this.#ttl);
    return { cookie: this.#cookie(token, this.#ttl), csrfToken };
  }

  /** A cookie that clears the session cookie. */
  logoutCookie(): string {
    return this.#cookie('', 0);
  }

  logout(req: IncomingMessage): void {
    const token = this.#sessionToken(req);
    if (token) this.store.sessions.delete(hashSecret(token), this.#now());
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

  /** Creates an API token with `permissions` (default none), audited; the returned secret is shown once and never stored. */
  createApiToken(
    name: string,
    actor: Actor = HUB_ACTOR,
    permissions: readonly string[] = [],
  ): { id: string; token: string } {
    const token = newSecret();
    const id = `tok_${newSecret().slice(0, 12)}`;
    const audit = { actor, action: 'token.create', summary: `Created API token "${name}"` };
    this.store.apiTokens.create({ id, name, hash: hashSecret(token), permissions }, this.#now(), audit);
    return { id, token };
  }

  listApiTokens(): ApiTokenInfo[] {
    return this.store.apiTokens.list();
  }

  /** Revokes a token at once: its next request gets 401. */
  revokeApiToken(id: string, actor: Actor = HUB_ACTOR): void {
    const token = this.store.apiTokens.get(id);
    if (!token || token.revokedAt !== null) throw new HttpError(404, 'no such active API token');
    const audit = { actor, action: 'token.revoke', summary: `Revoked API token "${token.name}"` };
    this.store.apiTokens.revoke(id, this.#now(), audit);
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
