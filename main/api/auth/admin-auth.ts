import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../domain/audit.ts';
import type { ApiTokenInfo } from '../../store/api-tokens.ts';
import type { Store } from '../../store/store.ts';
import { FIRST_MANAGER_NAME, type StaffAccount } from '../../domain/staff.ts';
import { HttpError } from '../http-error.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { type SignInLimits, SignInGate } from './sign-in-gate.ts';
import { checkNewPassword } from './new-password.ts';
import { StaffAdmin, newStaffId } from './staff-admin.ts';
import { hashSecret, newSecret } from './tokens.ts';

export { MAX_API_TOKENS } from '../../store/api-tokens.ts';

export const SESSION_COOKIE = 'marquee_session';

/**
 * Who made an authenticated request. `sessionId` is a short public handle
 * for the audit log, derived from the stored hash, never the cookie itself.
 */
export type Principal =
  | { kind: 'session'; tokenHash: string; sessionId: string; staff: StaffAccount }
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

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Staff sign-in by name, sessions with CSRF tokens, staff accounts, and box-office API tokens. */
export class AdminAuth {
  /** Sign-in attempts per address and password checks hub-wide. */
  readonly gate: SignInGate;
  readonly #ttl: number;
  readonly #now: () => number;
  /** The passwords this hub last saw; different ones were set on the hub machine (`marquee reset-password`). */
  #stampSeen: string | undefined;
  /** A hash no password matches, checked for an unknown name so it takes as long as a known one. */
  #decoy: Promise<string> | undefined;
  /** Managers' work on staff accounts. */
  readonly staff: StaffAdmin;

  constructor(
    private readonly store: Store,
    options: AdminAuthOptions = {},
  ) {
    this.#ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
    this.gate = new SignInGate(options.limits, this.#now);
    this.staff = new StaffAdmin(store, this.gate, this.#now, () => {
      this.#stampSeen = this.store.staff.passwordStamp();
    });
    try {
      this.#stampSeen = store.staff.passwordStamp();
    } catch {
      // A database that cannot say yet: health reports the read, and the hub starts anyway.
      this.#stampSeen = undefined;
    }
  }

  hasPassword(): boolean {
    return this.store.staff.any();
  }

  /**
   * The first manager's password, from `MARQUEE_ADMIN_PASSWORD`: the account
   * `admin` made (and audited) if the hub has none yet. Returns false,
   * changing nothing, if it has one.
   */
  async setInitialPassword(password: string): Promise<boolean> {
    if (this.hasPassword()) return false;
    const problem = passwordProblem(password);
    if (problem) throw new Error(`MARQUEE_ADMIN_PASSWORD ${problem}`);
    const passwordHash = await hashPassword(password);
    const audit = {
      actor: HUB_ACTOR,
      action: 'password.setup',
      summary: `Made the first manager "${FIRST_MANAGER_NAME}" from MARQUEE_ADMIN_PASSWORD`,
    };
    if (this.hasPassword()) return false;
    const account = { id: newStaffId(), name: FIRST_MANAGER_NAME, role: 'manager' as const, passwordHash };
    this.store.staff.create(account, this.#now(), audit, { ifNone: true });
    this.#stampSeen = this.store.staff.passwordStamp();
    return true;
  }

  /**
   * First run: makes the first manager when the hub has no account, and signs
   * them in. The route allows it from loopback only; the store repeats the
   * check inside the write so two racing set-ups cannot both win.
   */
  async setup(
    name: string | undefined,
    password: string,
    actor: Actor,
  ): Promise<{ cookie: string; csrfToken: string }> {
    if (this.hasPassword()) throw passwordAlreadySet();
    checkNewPassword(password, 'password');
    const passwordHash = await this.gate.hash(() => hashPassword(password));
    const account = {
      id: newStaffId(),
      name: name ?? FIRST_MANAGER_NAME,
      role: 'manager' as const,
      passwordHash,
    };
    const audit = { actor, action: 'password.setup', summary: `Made the first manager "${account.name}"` };
    const made = this.store.staff.create(account, this.#now(), audit, { ifNone: true });
    this.#stampSeen = this.store.staff.passwordStamp();
    return this.#startSession(made.id);
  }

  /**
   * Checks a name and password; on success creates a session for that person.
   * Without a name, the hub's first manager (the one shared password of old).
   * Limited per address and hub-wide (`SignInGate`); a wrong name and a wrong
   * password get the same answer, after the same wait.
   */
  async login(
    name: string | undefined,
    password: string,
    address: string,
  ): Promise<{ cookie: string; csrfToken: string; staff: StaffAccount }> {
    if (!this.hasPassword()) {
      throw new HttpError({
        status: 503,
        code: 'not_set_up',
        message: 'no admin password is set yet; set one first',
      });
    }
    this.#noticeResets();
    const staff = await this.gate.attempt(address, async () => {
      // Read inside the slot: the password may have changed while this attempt waited its turn.
      const account = name === undefined ? this.store.staff.firstManager() : this.store.staff.byName(name);
      if (!account) {
        await verifyPassword(password, await this.#decoyHash());
        return undefined;
      }
      return (await verifyPassword(password, account.passwordHash)) ? account : undefined;
    });
    if (!staff) {
      throw new HttpError({
        status: 401,
        code: 'wrong_password',
        message: name === undefined ? 'wrong password' : 'wrong name or password',
      });
    }
    const { passwordHash: _hash, ...account } = staff;
    return { ...this.#startSession(staff.id), staff: account };
  }

  /**
   * Replaces the signed-in person's password after checking their current
   * one (limited like sign-in). Every session of theirs ends, and (a manager
   * only) every API token too if asked; the caller gets a fresh session.
   */
  async changePassword(
    staffId: string,
    current: string,
    next: string,
    address: string,
    actor: Actor,
    options: { revokeApiTokens?: boolean } = {},
  ): Promise<{ cookie: string; csrfToken: string; tokensRevoked: number }> {
    checkNewPassword(next, 'newPassword');
    const hash = await this.gate.attempt(address, async () => {
      const stored = this.store.staff.get(staffId)?.passwordHash;
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
        ? `${actor.name} changed their password; their sessions ended and every API token was revoked`
        : `${actor.name} changed their password; their sessions ended`,
    };
    const change = { passwordHash: hash, revokeApiTokens: options.revokeApiTokens ?? false };
    const done = this.store.staff.update(staffId, undefined, change, this.#now(), audit);
    this.#stampSeen = this.store.staff.passwordStamp();
    return { ...this.#startSession(staffId), tokensRevoked: done.tokensRevoked.length };
  }

  /** Passwords this hub did not set itself (a reset on the hub machine) lift every sign-in delay. */
  #noticeResets(): void {
    const stamp = this.store.staff.passwordStamp();
    if (stamp !== this.#stampSeen) {
      this.#stampSeen = stamp;
      this.gate.clear();
    }
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= hashPassword(newSecret());
    return this.#decoy;
  }

  #startSession(staffId: string): { cookie: string; csrfToken: string } {
    const token = newSecret();
    const csrfToken = newSecret();
    const now = this.#now();
    this.store.sessions.create(hashSecret(token), csrfToken, staffId, now, now + this.#ttl);
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
    const account = session && this.store.staff.get(session.staffId);
    if (!tokenHash || !session || !account) throw new HttpError(401, 'sign in first');
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
    const { passwordHash: _hash, ...staff } = account;
    return { kind: 'session', tokenHash, sessionId: `s-${tokenHash.slice(0, 8)}`, staff };
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
