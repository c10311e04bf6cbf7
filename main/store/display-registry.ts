import type { DisplayView } from '../domain/admin-answers.ts';
import type { AuditInput } from '../domain/audit.ts';
import { type Beat, type Heartbeat, assessDisplay } from '../domain/displays.ts';
import type { DisplayRow, DisplayRows } from './displays.ts';

export interface DisplayRegistryOptions {
  /** Screens remembered; past it the longest-silent one is forgotten. Default 200. */
  maxDisplays?: number;
  /** A screen's row is written to disk at most this often (heartbeats come every 15 s). Default 60 s. */
  persistEveryMs?: number;
  now?: () => number;
}

interface Entry {
  displayId: string;
  role: Heartbeat['role'];
  auditoriumId: string | null;
  url: string;
  address: string;
  lastFrameAt: string;
  firstSeen: number;
  /** Kept in memory only: a restarted hub hears it again within one heartbeat. */
  clockOffsetMs: number | null;
  beats: Beat[];
  persistedAt: number;
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

  constructor(
    private readonly rows: DisplayRows,
    options: DisplayRegistryOptions = {},
  ) {
    this.#max = options.maxDisplays ?? 200;
    this.#persistEvery = options.persistEveryMs ?? 60_000;
    this.#now = options.now ?? Date.now;
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
        beats: [{ at: r.last_seen, lastEventId: r.last_event_id, hubSeq: r.hub_seq }],
        persistedAt: r.last_seen,
      });
    }
  }

  get size(): number {
    return this.#displays.size;
  }

  beat(hb: Heartbeat, address: string, hubSeq: number): void {
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
      this.rows.put({
        display_id: entry.displayId,
        role: entry.role,
        auditorium_id: entry.auditoriumId,
        last_event_id: hb.lastEventId,
        hub_seq: hubSeq,
        last_frame_at: entry.lastFrameAt,
        url: entry.url,
        address,
        first_seen: entry.firstSeen,
        last_seen: now,
      });
    }
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
        health: assessDisplay(e.beats, now),
      };
    });
  }

  forget(displayId: string, audit: AuditInput): boolean {
    const stored = this.rows.forget(displayId, audit);
    return this.#displays.delete(displayId) || stored;
  }
}

/** The screens stored before a restart; none if they cannot be read (health says why), so the hub still starts. */
function remembered(rows: DisplayRows): DisplayRow[] {
  try {
    return rows.all();
  } catch {
    return [];
  }
}
