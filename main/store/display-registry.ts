import { randomBytes } from 'node:crypto';
import type { DisplayView, ScreenAlert } from '../domain/admin-answers.ts';
import type { AuditInput } from '../domain/audit.ts';
import { type Heartbeat, STALE_AFTER_MS, assessDisplay } from '../domain/displays.ts';
import {
  GHOST_AFTER_MS,
  PAIRING_CODE_LENGTH,
  PAIRING_MODE_MS,
  type ScreenAssignment,
  normalCode,
  pairingCode,
} from '../domain/pairing.ts';
import { type Entry, acknowledgementsOf, namesOf, remembered, rowOf, showingOf } from './display-entry.ts';
import type { DisplayRows } from './displays.ts';
import { NotFoundError } from './errors.ts';

export interface DisplayRegistryOptions {
  /** Screens remembered; past it the longest-silent one is forgotten. Default 200. */
  maxDisplays?: number;
  /** A screen's row is written to disk at most this often (heartbeats come every 15 s). Default 60 s. */
  persistEveryMs?: number;
  now?: () => number;
  /** `n` random bytes for pairing codes. Default `crypto.randomBytes`. */
  random?: (n: number) => Uint8Array;
}

/** What a screen learns from its heartbeat's answer. */
export interface BeatAnswer {
  pairingCode?: string;
  assigned: ScreenAssignment | null;
}

export type { DisplayView };

const BEATS_KEPT = 5;

/**
 * Every screen that checks in, in memory for the stall rules (they need the
 * last few beats), persisted at most once a minute per screen so a screen
 * that died before a restart still shows up, silent, after it.
 */
export class DisplayRegistry {
  readonly #displays = new Map<string, Entry>();
  readonly #max: number;
  readonly #persistEvery: number;
  readonly #now: () => number;
  readonly #random: (n: number) => Uint8Array;
  readonly #assigned: Map<string, ScreenAssignment>;
  /** Codes handed out in this pairing session, by screen. */
  readonly #codes = new Map<string, string>();
  /** Stalls staff acknowledged: screen → the beat it went quiet after. Persisted, so a restart keeps them down. */
  readonly #acknowledged: Map<string, number>;
  #pairingUntil = 0;

  constructor(
    private readonly rows: DisplayRows,
    options: DisplayRegistryOptions = {},
  ) {
    this.#max = options.maxDisplays ?? 200;
    this.#persistEvery = options.persistEveryMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? ((n) => randomBytes(n));
    this.#assigned = namesOf(rows);
    this.#acknowledged = acknowledgementsOf(rows);
    // Oldest first, so the Map's order is least recently seen first.
    for (const r of remembered(rows).slice(0, this.#max).reverse()) {
      this.#displays.set(r.display_id, {
        displayId: r.display_id,
        role: r.role as Heartbeat['role'],
        auditoriumId: r.auditorium_id,
        url: r.url,
        address: r.address,
        lastFrameAt: r.last_frame_at,
        firstSeen: r.first_seen,
        clockOffsetMs: null,
        showing: null,
        beats: [{ at: r.last_seen, lastEventId: r.last_event_id, hubSeq: r.hub_seq }],
        persistedAt: r.last_seen,
      });
    }
  }

  get size(): number {
    return this.#displays.size;
  }

  beat(hb: Heartbeat, address: string, hubSeq: number): BeatAnswer {
    const now = this.#now();
    const prev = this.#displays.get(hb.displayId);
    const entry: Entry = {
      displayId: hb.displayId,
      role: hb.role,
      auditoriumId: hb.auditoriumId ?? null,
      url: hb.url,
      address,
      lastFrameAt: new Date(hb.lastFrameAt).toISOString(),
      firstSeen: prev?.firstSeen ?? now,
      clockOffsetMs: hb.clockOffsetMs ?? null,
      showing: showingOf(hb, prev?.showing ?? null, now),
      beats: [...(prev?.beats ?? []), { at: now, lastEventId: hb.lastEventId, hubSeq }].slice(-BEATS_KEPT),
      persistedAt: prev?.persistedAt ?? 0,
    };
    this.#displays.delete(hb.displayId);
    this.#displays.set(hb.displayId, entry);
    if (this.#displays.size > this.#max) {
      const oldest = this.#displays.keys().next().value;
      if (oldest !== undefined) {
        this.#displays.delete(oldest);
        this.rows.evict(oldest);
      }
    }
    const moved =
      prev &&
      (prev.role !== entry.role || prev.url !== entry.url || prev.auditoriumId !== entry.auditoriumId);
    if (!prev || moved || now - entry.persistedAt >= this.#persistEvery) {
      entry.persistedAt = now;
      this.rows.put(rowOf(entry));
    }
    const assigned = this.#assigned.get(hb.displayId) ?? null;
    const code = assigned ? undefined : this.#codeOf(hb.displayId);
    return { assigned, ...(code && { pairingCode: code }) };
  }

  /** Pairing mode: on for 15 minutes (`PAIRING_MODE_MS`), or off; off forgets the codes. */
  setPairing(on: boolean): { on: boolean; until: string | null } {
    this.#pairingUntil = on ? this.#now() + PAIRING_MODE_MS : 0;
    if (!on) this.#codes.clear();
    return this.pairing();
  }

  pairing(): { on: boolean; until: string | null } {
    const on = this.#now() < this.#pairingUntil;
    return { on, until: on ? new Date(this.#pairingUntil).toISOString() : null };
  }

  /**
   * Names the screen showing `code` (pairing mode on); from its next
   * heartbeat it takes that name and role over its URL and kiosk settings.
   * Returns its id. An unknown code is a `NotFoundError` on `code`.
   */
  pair(code: string, a: ScreenAssignment, audit: AuditInput): string {
    const typed = normalCode(code);
    const id = this.pairing().on
      ? [...this.#codes].find(([d, c]) => c === typed && !this.#assigned.has(d))?.[0]
      : undefined;
    if (!id) {
      throw new NotFoundError(
        this.pairing().on ? `no screen shows the code ${typed}` : 'pairing mode is off: turn it on first',
        'code',
        { code: 'not_found', params: { code: typed } },
      );
    }
    this.rows.name(id, a, this.#now(), audit);
    this.#assigned.set(id, a);
    this.#codes.delete(id);
    return id;
  }

  /**
   * Screens that stalled during opening hours (`isOpen` of the moment they
   * went quiet), ghosts aside, until acknowledged. A screen switched off
   * after the last show's start raises nothing.
   */
  alerts(isOpen: (at: number) => boolean): ScreenAlert[] {
    const now = this.#now();
    const alerts: ScreenAlert[] = [];
    for (const e of this.#displays.values()) {
      const last = e.beats.at(-1)!;
      if (now - last.at > GHOST_AFTER_MS) continue;
      const health = assessDisplay(e.beats, now);
      if (health.state !== 'stalled') {
        if (this.#acknowledged.delete(e.displayId)) this.rows.clearAcknowledgement(e.displayId);
        continue;
      }
      const since = health.reason === 'silent' ? last.at + STALE_AFTER_MS : last.at;
      if (!isOpen(since) || this.#acknowledged.get(e.displayId) === last.at) continue;
      const name = this.#assigned.get(e.displayId)?.name ?? e.displayId;
      alerts.push({
        displayId: e.displayId,
        name,
        since: new Date(since).toISOString(),
        reason: health.reason,
      });
    }
    return alerts;
  }

  /**
   * Staff saw the warning: it stays down until the screen recovers and
   * stalls again, across a hub restart too. Audited.
   */
  acknowledge(displayId: string, audit: AuditInput): boolean {
    const entry = this.#displays.get(displayId);
    const last = entry?.beats.at(-1);
    if (!entry || !last) return false;
    this.rows.acknowledge(rowOf(entry), this.#now(), audit);
    entry.persistedAt = last.at;
    this.#acknowledged.set(displayId, last.at);
    return true;
  }

  /**
   * Gives a paired screen a new name or role (staff's Displays page); from
   * its next heartbeat it takes them. Audited. A screen that was never
   * paired is a `NotFoundError`: it is paired by its code first.
   */
  rename(displayId: string, a: ScreenAssignment, audit: AuditInput): void {
    if (!this.#assigned.has(displayId)) {
      throw new NotFoundError(`no paired screen ${displayId}: pair it by its code first`, 'displayId', {
        code: 'not_found',
        params: { id: displayId },
      });
    }
    this.rows.name(displayId, a, this.#now(), audit);
    this.#assigned.set(displayId, a);
  }

  #codeOf(displayId: string): string | undefined {
    if (!this.pairing().on) return undefined;
    let code = this.#codes.get(displayId);
    const taken = new Set(this.#codes.values());
    for (let i = 0; !code && i < 20; i++) {
      const c = pairingCode(this.#random(PAIRING_CODE_LENGTH));
      if (!taken.has(c)) code = c;
    }
    if (code) this.#codes.set(displayId, code);
    return code;
  }

  /** Every screen, most recently seen first. */
  list(): DisplayView[] {
    const now = this.#now();
    return [...this.#displays.values()].reverse().map((e) => {
      const last = e.beats.at(-1)!;
      return {
        displayId: e.displayId,
        role: e.role,
        auditoriumId: e.auditoriumId,
        url: e.url,
        address: e.address,
        lastEventId: last.lastEventId,
        lag: last.lastEventId === null ? null : last.hubSeq - last.lastEventId,
        lastFrameAt: e.lastFrameAt,
        lastSeenAt: new Date(last.at).toISOString(),
        firstSeenAt: new Date(e.firstSeen).toISOString(),
        clockOffsetMs: e.clockOffsetMs,
        showing: e.showing && {
          kind: e.showing.kind,
          ...(e.showing.id !== undefined && { id: e.showing.id }),
          since: new Date(e.showing.since).toISOString(),
        },
        health: assessDisplay(e.beats, now),
        assigned: this.#assigned.get(e.displayId) ?? null,
        ...(this.#codes.has(e.displayId) &&
          this.pairing().on && { pairingCode: this.#codes.get(e.displayId) }),
        ghost: now - last.at > GHOST_AFTER_MS,
      };
    });
  }

  forget(displayId: string, audit: AuditInput): boolean {
    const stored = this.rows.forget(displayId, audit);
    this.#assigned.delete(displayId);
    this.#codes.delete(displayId);
    this.#acknowledged.delete(displayId);
    return this.#displays.delete(displayId) || stored;
  }
}
