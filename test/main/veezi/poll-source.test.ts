import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OverrideInput } from '../../../main/domain/overrides.ts';
import { Health } from '../../../main/domain/status.ts';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import { DEFAULT_VEEZI_OPTIONS, type VeeziOptions } from '../../../main/veezi/veezi-options.ts';
import type { FaultKind } from '../../../main/veezi-sim/faults.ts';
import type { VeeziSimServer } from '../../../main/veezi-sim/server.ts';
import { call } from '../../support/http.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { closeOnFakeClock, fakePollClock } from './support/fake-clock-hub.ts';
import { SimHarness, simRead } from '../../support/veezi-sim.ts';

/*
 * The hub following a real simulator over HTTP on port 0, with the poll clock
 * faked: the test decides when each poll happens, the network is real.
 */

const START = Date.parse('2026-10-02T08:00:00Z');
const POLL_MS = 5_000;

describe('following Veezi', () => {
  let harness: SimHarness;
  let sim: VeeziSimServer;
  let dir: ReturnType<typeof tempDir>;
  let hub: Hub | undefined;

  beforeEach(async () => {
    fakePollClock();
    harness = new SimHarness(START);
    // A slow answer waits on the faked clock too, so a timeout is the test's to cause.
    sim = await harness.start({ delay: (ms) => new Promise((r) => setTimeout(r, ms)) });
    dir = tempDir();
  });
  afterEach(async () => {
    await closeOnFakeClock(hub);
    hub = undefined;
    await harness.closeAll();
    dir.remove();
  });

  const open = async (veezi: Partial<VeeziOptions> = {}) => {
    hub = await startHub({
      dataDir: dir.path,
      port: 0,
      log: memoryLogger(),
      veezi: {
        url: sim.url,
        token: 'veezi-sim',
        pollMs: POLL_MS,
        timeoutMs: 3_000,
        backoff: { baseMs: 1_000, capMs: 4_000, slowRetryMs: 60_000 },
        ...veezi,
      },
    });
    return hub;
  };
  /**
   * Moves the poll clock on a second at a time, waiting for each poll it
   * starts: a poll's real HTTP round trip then never meets its own deadline
   * on a clock that raced ahead.
   */
  const advance = async (ms: number) => {
    for (let left = ms; ; left -= 1_000) {
      await vi.advanceTimersByTimeAsync(Math.min(left, 1_000));
      await hub!.veezi!.settled();
      if (left <= 1_000) return;
    }
  };
  /** Data events (not link status) committed since `seq`. */
  const dataEventsSince = (seq: number) =>
    hub!.store.eventsBetween(seq, hub!.store.seq)!.filter((e) => e.type !== 'status');
  const requests = (route: string) => sim.requests.filter((r) => r.route === route).length;
  const health = async () => Health.parse((await call(`${hub!.url}/api/health`)).body);
  /** An upcoming public session on sale with seats to sell. */
  const onSale = async () => {
    const sessions = await simRead(sim, '/v1/session');
    const s = sessions.find(
      (x) => x.ShowType === 'Public' && x.Status === 'Open' && x.SeatsAvailable > 10 && x.SeatsSold! > 0,
    );
    expect(s, 'a session on sale').toBeDefined();
    return s!;
  };
  const seatsOf = (veeziId: number) =>
    hub!.store.records.showtimes.get(`veezi-session-${veeziId}`)?.seatsAvailable;

  it('applies the cinema on the first poll, sends nothing for a poll with no change, one event for a sale', async () => {
    await open();
    await advance(0);
    expect(hub!.status().upstream).toBe('live');
    const snapshot = hub!.store.snapshot();
    expect(snapshot.venue).toMatchObject({ name: 'Paragon Picture House', timezone: 'Australia/Sydney' });
    expect(snapshot.auditoriums.map((a) => a.label)).toContain('GC');
    expect(snapshot.showtimes.length).toBeGreaterThan(50);
    expect(snapshot.showtimes.every((s) => s.source === 'upstream')).toBe(true);

    const seq = hub!.store.seq;
    await advance(POLL_MS);
    expect(requests('/v1/session')).toBe(2);
    expect(hub!.store.seq).toBe(seq);

    const session = await onSale();
    sim.sim.sell(session.Id, 3);
    await advance(POLL_MS);
    expect(dataEventsSince(seq).map((e) => [e.type, JSON.parse(e.json) as unknown])).toEqual([
      [
        'availability',
        { showtimeId: `veezi-session-${session.Id}`, seatsAvailable: session.SeatsAvailable - 3 },
      ],
    ]);
    expect(hub!.veezi!.stats()).toMatchObject({ pollsOk: 3, pollsFailed: 0, lastPollEvents: 1 });
    const h = await health();
    expect(h.relay).toMatchObject({
      running: true,
      source: 'veezi',
      lastPollAt: expect.any(String) as string,
    });
  });

  it('keeps local enrichment of Veezi records through polls that change them', async () => {
    await open();
    await advance(0);
    const session = await onSale();
    const id = `veezi-session-${session.Id}`;
    hub!.store.setOverride('auditorium', 'veezi-screen-7', OverrideInput.parse({ features: ['Recliners'] }));
    hub!.store.setOverride('showtime', id, OverrideInput.parse({ note: 'Q&A with the director after' }));
    sim.sim.sell(session.Id, 2);
    await advance(POLL_MS);
    // The overlays do not make Veezi's records look changed: the sale is the one event.
    expect(hub!.veezi!.stats().lastPollEvents).toBe(1);
    const snapshot = hub!.store.snapshot();
    expect(snapshot.showtimes.find((s) => s.id === id)?.seatsAvailable).toBe(session.SeatsAvailable - 2);
    expect(snapshot.auditoriums.find((a) => a.id === 'veezi-screen-7')).toMatchObject({
      label: 'GC',
      features: ['Recliners'],
    });
    expect(hub!.store.overrides.get('showtime', id)).toMatchObject({ note: 'Q&A with the director after' });
  });

  it('fetches site, screens, films and attributes every 10 minutes (here 1), sessions every poll', async () => {
    expect(DEFAULT_VEEZI_OPTIONS.catalogMs).toBe(600_000);
    await open({ catalogMs: 60_000 });
    await advance(0);
    for (let i = 0; i < 4; i++) await advance(POLL_MS);
    expect([requests('/v1/site'), requests('/v4/film'), requests('/v1/session')]).toEqual([1, 1, 5]);
    // A minute on the poll clock: 12 polls, the one at the minute with the catalogue.
    await advance(60_000 - 5 * POLL_MS);
    expect(requests('/v1/site')).toBe(1);
    await advance(POLL_MS);
    expect([requests('/v1/site'), requests('/v1/screen'), requests('/v1/attribute')]).toEqual([2, 2, 2]);
  });

  it('resumes after a restart without sending anything again', async () => {
    await open();
    await advance(0);
    const session = await onSale();
    const closing = hub!.close();
    await vi.runAllTimersAsync();
    await closing;
    const seq = hub!.store.seq;
    await open();
    await advance(0);
    expect(hub!.status().upstream).toBe('live');
    expect(dataEventsSince(seq)).toEqual([]);
    // And a sale after the restart still counts; a session that vanished with sales is cancelled, not removed.
    sim.sim.sell(session.Id, 1);
    await advance(POLL_MS);
    expect(dataEventsSince(seq).map((e) => e.type)).toEqual(['availability']);
  });

  const faults: [FaultKind, 'offline' | 'reconnecting', RegExp, number][] = [
    ['500', 'reconnecting', /HTTP 500/, 5_000],
    ['truncate', 'reconnecting', /malformed JSON/, 5_000],
    ['drop', 'reconnecting', /broke off|aborted|socket hang up/, 5_000],
    ['slow', 'reconnecting', /no whole answer within 3000 ms/, 5_000],
    ['401', 'offline', /HTTP 401: Veezi refuses the token/, 70_000],
    ['403', 'offline', /HTTP 403: Veezi refuses the token/, 70_000],
    ['403-html', 'offline', /HTTP 403 with an HTML page/, 70_000],
    ['429', 'reconnecting', /HTTP 429/, 31_000],
  ];
  it.each(faults)(
    'on %s keeps the last good state, says why, and recovers',
    async (kind, state, reason, wait) => {
      await open();
      await advance(0);
      const session = await onSale();
      const seq = hub!.store.seq;
      sim.faults.set({ kinds: [kind], paths: ['/v1/session'], retryAfterSeconds: 30, slowMs: 60_000 });
      sim.sim.sell(session.Id, 2);
      if (kind === 'slow') {
        // The request is out (its deadline set, on the same clock): the answer is late, the deadline cuts it off.
        await vi.advanceTimersByTimeAsync(POLL_MS);
        await vi.advanceTimersByTimeAsync(3_000);
        await hub!.veezi!.settled();
      } else await advance(POLL_MS);
      expect(hub!.status().upstream).toBe(state);
      expect(hub!.store.seq).toBe(seq + 1); // the link's status event, nothing else
      expect(dataEventsSince(seq)).toEqual([]);
      expect(seatsOf(session.Id)).toBe(session.SeatsAvailable);
      const h = await health();
      expect(h.upstream).toBe(state);
      expect(h.relay?.lastError?.reason).toMatch(reason);

      sim.faults.set(undefined);
      const asked = requests('/v1/session');
      if (kind === '429') {
        // Retry-After: 30 is honoured: nothing asked before it is up.
        await advance(29_000);
        expect(requests('/v1/session')).toBe(asked);
      }
      await advance(wait);
      expect((await health()).relay?.lastError?.reason, 'the last error, for the record').toMatch(reason);
      expect(hub!.status().upstream).toBe('live');
      expect(seatsOf(session.Id)).toBe(session.SeatsAvailable - 2);
    },
  );

  it('reads the token file before every request', async () => {
    const file = join(dir.path, 'veezi-token');
    writeFileSync(file, 'wrong-token\n');
    await open({ token: undefined, tokenFile: file });
    await advance(0);
    expect(hub!.status().upstream).toBe('offline');
    expect((await health()).relay?.lastError?.reason).toMatch(/refuses the token/);
    writeFileSync(file, 'veezi-sim\n');
    await advance(70_000);
    expect((await health()).relay?.lastPollAt).not.toBeNull();
    expect(hub!.status().upstream).toBe('live');
    expect(hub!.store.snapshot().showtimes.length).toBeGreaterThan(50);
  });
});
