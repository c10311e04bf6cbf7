import { AdminState } from '../../main/domain/admin-answers.ts';
import type { Override } from '../../main/domain/overrides.ts';
import type { Auditorium, Film } from '../../main/domain/records.ts';
import { type Capability, type StaffAccount, mayDo } from '../../main/domain/staff.ts';
import { api } from './api.ts';

export type { AdminState };

/** Wait this long after a change before re-reading, so a burst (an import) costs one read. */
const REFRESH_DELAY_MS = 150;

const CHANGE_EVENTS = [
  'venue',
  'auditorium.upsert',
  'auditorium.remove',
  'film.upsert',
  'film.remove',
  'showtime.upsert',
  'showtime.remove',
  'announcement.upsert',
  'announcement.remove',
  'status',
];

/**
 * What the admin shows, kept current: read once, then re-read whenever the
 * feed says something changed (by anyone: this page, another admin, the box
 * office, upstream). Seat sales, the hot path, are applied in place.
 */
export class AdminData {
  state = $state<AdminState | undefined>();
  live = $state<'connecting' | 'live' | 'offline'>('connecting');
  loadError = $state('');
  /** Who is signed in; the pages offer only what their role may do (the hub refuses the rest anyway). */
  staff = $state<StaffAccount | undefined>();
  #source: EventSource | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  can(capability: Capability): boolean {
    return !this.staff || mayDo(this.staff.role, capability);
  }

  async load(): Promise<void> {
    try {
      this.state = await api.get('/api/admin/state', AdminState);
      this.loadError = '';
    } catch (err) {
      this.loadError = err instanceof Error ? err.message : String(err);
    }
  }

  start(): void {
    void this.load();
    const es = new EventSource('/events');
    this.#source = es;
    es.addEventListener('open', () => (this.live = 'live'));
    es.addEventListener(
      'error',
      () => (this.live = es.readyState === EventSource.CLOSED ? 'offline' : 'connecting'),
    );
    // After a reconnect the hub may send a fresh snapshot: re-read, something was missed.
    es.addEventListener('snapshot', () => this.refreshSoon());
    for (const type of CHANGE_EVENTS) es.addEventListener(type, () => this.refreshSoon());
    es.addEventListener('availability', (e: MessageEvent<string>) => this.#seats(e.data));
  }

  stop(): void {
    this.#source?.close();
    clearTimeout(this.#timer);
  }

  refreshSoon(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.load(), REFRESH_DELAY_MS);
  }

  #seats(json: string): void {
    const { showtimeId, seatsAvailable } = JSON.parse(json) as { showtimeId: string; seatsAvailable: number };
    const show = this.state?.showtimes.find((s) => s.id === showtimeId);
    if (!show) return this.refreshSoon();
    show.seatsAvailable = seatsAvailable;
    // The hub bumps the version with every sale; keep in step so an edit is not refused needlessly.
    show.version += 1;
  }

  film(id: string): Film | undefined {
    return this.state?.films.find((f) => f.id === id);
  }

  auditorium(id: string): Auditorium | undefined {
    return this.state?.auditoriums.find((a) => a.id === id);
  }

  override(kind: Override['kind'], id: string): Override | undefined {
    return this.state?.overrides.find((o) => o.kind === kind && o.id === id);
  }
}
