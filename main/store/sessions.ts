import type { Database, Statement } from 'better-sqlite3';
import type { WritePath } from './write-path.ts';

export interface SessionRow {
  csrfToken: string;
  expiresAt: number;
  /** The staff account signed in. */
  staffId: string;
}

/** What callers may do with sign-in sessions; saving them is the store's business. */
export interface SessionBook {
  /** Starts a session. Never fails for the disk: see `Sessions`. */
  create(tokenHash: string, csrfToken: string, staffId: string, now: number, expiresAt: number): void;
  find(tokenHash: string, now: number): SessionRow | undefined;
  /** Ends a session at once, whether or not the disk takes it yet. */
  delete(tokenHash: string, now: number): void;
}

interface Unsaved extends SessionRow {
  createdAt: number;
}

/** Sign-ins held in memory while the disk refuses them; past this many the oldest is signed out. */
export const MAX_UNSAVED_SESSIONS = 1_000;

/**
 * Admin sign-in sessions. Only a hash of the cookie value is stored. Saving
 * one is bookkeeping: on a full or read-only disk staff can still sign in
 * and out. The change is held in memory (a sign-in held so lasts until a
 * restart), every later save retries it, and the store's periodic tidy-up
 * writes it once the disk takes writes again.
 */
export class Sessions implements SessionBook {
  readonly #insert: Statement<[string, string, string, number, number]>;
  readonly #find: Statement<[string, number], SessionRow>;
  readonly #delete: Statement<[string]>;
  readonly #deleteOf: Statement<[string]>;
  readonly #expire: Statement<[number]>;
  /** Changes the disk has not taken yet: a session started (its row) or ended (`null`). */
  readonly #unsaved = new Map<string, Unsaved | null>();

  constructor(
    db: Database,
    private readonly path: WritePath,
  ) {
    this.#insert = db.prepare(
      'INSERT OR REPLACE INTO sessions (token_hash, csrf_token, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#find = db.prepare(
      'SELECT csrf_token AS csrfToken, expires_at AS expiresAt, staff_id AS staffId FROM sessions ' +
        'WHERE token_hash = ? AND expires_at > ? AND staff_id IS NOT NULL',
    );
    this.#delete = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.#deleteOf = db.prepare('DELETE FROM sessions WHERE staff_id = ?');
    this.#expire = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  create(tokenHash: string, csrfToken: string, staffId: string, now: number, expiresAt: number): void {
    this.#unsaved.set(tokenHash, { csrfToken, expiresAt, staffId, createdAt: now });
    if (this.#unsaved.size > MAX_UNSAVED_SESSIONS) {
      for (const [hash, row] of this.#unsaved) {
        if (row === null) continue; // an ended session must stay ended
        this.#unsaved.delete(hash);
        break;
      }
    }
    this.save(now);
  }

  find(tokenHash: string, now: number): SessionRow | undefined {
    const unsaved = this.#unsaved.get(tokenHash);
    if (unsaved === null) return undefined;
    if (unsaved)
      return unsaved.expiresAt > now
        ? { csrfToken: unsaved.csrfToken, expiresAt: unsaved.expiresAt, staffId: unsaved.staffId }
        : undefined;
    return this.path.read('reading sign-in sessions', () => this.#find.get(tokenHash, now));
  }

  delete(tokenHash: string, now: number): void {
    this.#unsaved.set(tokenHash, null);
    this.save(now);
  }

  /**
   * Writes what the disk has not taken yet and drops expired sessions, in one
   * transaction. False while the disk still refuses (the changes stay held).
   */
  save(now: number): boolean {
    for (const [hash, row] of this.#unsaved) if (row && row.expiresAt <= now) this.#unsaved.delete(hash);
    const changes = [...this.#unsaved];
    const saved = this.path.bookkeep('saving sign-in sessions', () => {
      this.#expire.run(now);
      for (const [hash, row] of changes) {
        if (row) this.#insert.run(hash, row.csrfToken, row.staffId, row.createdAt, row.expiresAt);
        else this.#delete.run(hash);
      }
    });
    if (saved) for (const [hash] of changes) this.#unsaved.delete(hash);
    return saved;
  }

  /** Signs one person out everywhere: only inside the store's write transaction (a password change, a removal). */
  deleteRowsOf(staffId: string): void {
    this.#deleteOf.run(staffId);
  }

  /** After that transaction committed: none of their sign-ins held in memory survives it either. */
  forgetUnsavedOf(staffId: string): void {
    for (const [hash, row] of this.#unsaved) if (row && row.staffId === staffId) this.#unsaved.delete(hash);
  }
}
