import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VeeziSession } from '../../../main/veezi/api-schemas.ts';
import { veeziTimeToIso, veeziTimeToUtc } from '../../../main/veezi/local-time.ts';
import { ATTRIBUTE } from '../../../main/veezi-sim/catalog.ts';
import type { VeeziSimServer } from '../../../main/veezi-sim/server.ts';
import { SimDataError, simFile } from '../../../main/veezi-sim/sim-file.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { SimHarness, simGet, simRead } from '../../support/veezi-sim.ts';

const SYDNEY = 'Australia/Sydney';
// Friday 2 October 2026, 18:00 in Sydney: the weekend clocks go forward.
const START = Date.parse('2026-10-02T08:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ENDPOINTS = ['/v1/site', '/v1/screen', '/v4/film', '/v1/session', '/v1/websession', '/v1/attribute'];

const sessionsOf = (sim: VeeziSimServer) => simRead(sim, '/v1/session');
/** An answer without the simulator's own address (each listens on its own port). */
const bare = (text: string) => text.replaceAll(/http:\/\/127\.0\.0\.1:\d+/g, '');
const byId = (sessions: VeeziSession[]) => new Map(sessions.map((s) => [s.Id, s]));

describe('veezi-sim, run against a test clock', () => {
  let harness: SimHarness;
  beforeEach(() => {
    harness = new SimHarness(START);
  });
  afterEach(() => harness.closeAll());

  /** Moves the clock on in steps, reading sessions at each. */
  const run = async (sim: VeeziSimServer, ms: number, step = 5 * MINUTE) => {
    const seen: VeeziSession[][] = [];
    for (const end = harness.clock + ms; harness.clock < end;) {
      harness.clock = Math.min(end, harness.clock + step);
      seen.push(await sessionsOf(sim));
    }
    return seen;
  };

  it('answers the same for the same seed and clock, however often it was asked', async () => {
    const a = await harness.start({ seed: 7 });
    const b = await harness.start({ seed: 7 });
    const c = await harness.start({ seed: 8 });
    // `a` is polled every minute for three hours; `b` only asked at the end.
    await run(a, 3 * HOUR, MINUTE);
    for (const path of ENDPOINTS) {
      const [x, y] = await Promise.all([simGet(a, path), simGet(b, path)]);
      expect(bare(x.text), path).toBe(bare(y.text));
    }
    expect((await simGet(c, '/v1/session')).text).not.toBe((await simGet(a, '/v1/session')).text);
  });

  it('sells seats as shows near, and sells some out', async () => {
    const sim = await harness.start();
    const before = byId(await sessionsOf(sim));
    const [after] = (await run(sim, 2 * HOUR, 2 * HOUR)).slice(-1);
    const sold = (m: Map<number, VeeziSession>) => [...m.values()].reduce((n, s) => n + s.SeatsSold!, 0);
    const later = byId(after!);
    // Compare the shows still listed: sales happened, and more near the start than days ahead.
    const common = [...later.keys()].filter((id) => before.has(id));
    const gained = (ids: number[]) =>
      ids.reduce((n, id) => n + later.get(id)!.SeatsSold! - before.get(id)!.SeatsSold!, 0);
    const soon = common.filter(
      (id) => veeziTimeToUtc(later.get(id)!.PreShowStartTime, SYDNEY)! < START + 6 * HOUR,
    );
    const farOut = common.filter(
      (id) => veeziTimeToUtc(later.get(id)!.PreShowStartTime, SYDNEY)! > START + 48 * HOUR,
    );
    expect(gained(soon) / soon.length).toBeGreaterThan(gained(farOut) / farOut.length);
    expect(sold(later)).toBeGreaterThan(0);
    for (const s of later.values()) {
      expect(s.SeatsAvailable).toBeGreaterThanOrEqual(0);
      expect(s.TicketsSoldOut).toBe(s.SeatsAvailable === 0);
      if (s.FewTicketsLeft) expect(s.SeatsAvailable).toBeLessThanOrEqual(20);
    }
    expect([...later.values()].some((s) => s.TicketsSoldOut)).toBe(true);
    expect([...later.values()].some((s) => s.FewTicketsLeft)).toBe(true);
  });

  it('adds sessions and withdraws others before they start, and drops shows once their feature ends', async () => {
    const sim = await harness.start();
    const seen = await run(sim, 24 * HOUR, 10 * MINUTE);
    const ids = seen.map((list) => new Set(list.map((s) => s.Id)));
    const added = new Set<number>();
    const withdrawn = new Set<number>();
    const ended = new Set<number>();
    for (let i = 1; i < seen.length; i++) {
      const now = START + (i + 1) * 10 * MINUTE;
      for (const id of ids[i]!) if (!ids[i - 1]!.has(id)) added.add(id);
      for (const s of seen[i - 1]!) {
        if (ids[i]!.has(s.Id)) continue;
        if (veeziTimeToUtc(s.FeatureEndTime, SYDNEY)! <= now) ended.add(s.Id);
        else withdrawn.add(s.Id);
      }
    }
    expect(ended.size).toBeGreaterThan(20);
    expect(withdrawn.size).toBeGreaterThan(3);
    // New sessions: added at short notice, and a new day going on sale at midnight.
    expect(added.size).toBeGreaterThan(30);
    for (const id of withdrawn) {
      const last = seen.flat().findLast((s) => s.Id === id)!;
      expect(veeziTimeToUtc(last.PreShowStartTime, SYDNEY)).toBeGreaterThan(START);
    }
  });

  it('puts the planned day on sale at the venue’s midnight', async () => {
    const sim = await harness.start();
    const planned = (await sessionsOf(sim)).filter((s) => s.Status === 'Planned');
    expect(new Set(planned.map((s) => s.PreShowStartTime.slice(0, 10)))).toEqual(new Set(['2026-10-05']));
    expect(planned.every((s) => s.SeatsSold === 0)).toBe(true);
    harness.clock = Date.parse('2026-10-02T13:59:50Z'); // 23:59:50 in Sydney
    const lastMinute = (await sessionsOf(sim)).filter((s) => s.PreShowStartTime.startsWith('2026-10-05'));
    expect(lastMinute.every((s) => s.Status === 'Planned')).toBe(true);
    harness.clock = Date.parse('2026-10-02T14:00:10Z');
    const after = byId(await sessionsOf(sim));
    for (const s of lastMinute) expect(after.get(s.Id)?.Status).toBe('Open');
    const nowPlanned = [...after.values()].filter((s) => s.Status === 'Planned');
    expect(nowPlanned.length).toBeGreaterThan(30);
    expect(nowPlanned.every((s) => s.PreShowStartTime.startsWith('2026-10-06'))).toBe(true);
  });

  it('lists an attribute from the moment a session carries it', async () => {
    const sim = await harness.start();
    const qa = ATTRIBUTE.directorQa.Id;
    const listed = async () => (await simRead(sim, '/v1/attribute')).some((a) => a.Id === qa);
    const carried = async () => (await sessionsOf(sim)).some((s) => s.Attributes.includes(qa));
    expect([await carried(), await listed()]).toEqual([false, false]);
    expect((await simGet(sim, `/v1/attribute/${qa}`)).status).toBe(404);
    for (let i = 0; i < 48 && !(await carried()); i++) await run(sim, HOUR, HOUR);
    expect(await listed()).toBe(true);
    expect((await simGet(sim, `/v1/attribute/${qa}`)).status).toBe(200);
  });

  it('runs a late show past 02:00 on the night clocks go forward, its times in wall-clock arithmetic', async () => {
    const sim = await harness.start();
    const late = (await sessionsOf(sim)).find((s) => s.PreShowStartTime === '2026-10-03T23:45:00');
    expect(late).toBeDefined();
    expect(
      late!.FeatureEndTime >= '2026-10-04T02:00:00' && late!.FeatureEndTime < '2026-10-04T03:00:00',
    ).toBe(true);
    // 02:xx never happens that night: it is read as the jump to 03:00 AEDT.
    expect(veeziTimeToIso(late!.FeatureEndTime, SYDNEY)).toBe('2026-10-03T16:00:00.000Z');
    expect(veeziTimeToIso(late!.PreShowStartTime, SYDNEY)).toBe('2026-10-03T13:45:00.000Z');
  });

  it('sells through the control route, and refuses what it cannot do', async () => {
    const sim = await harness.start();
    const post = (action: string, body: unknown, token = 'veezi-sim') =>
      fetch(`${sim.url}/_sim/${action}`, {
        method: 'POST',
        headers: { VeeziAccessToken: token, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const open = (await sessionsOf(sim)).find((s) => s.Status === 'Open' && s.SeatsAvailable > 3)!;
    const res = await post('sell', { sessionId: open.Id, seats: 3 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as VeeziSession).SeatsSold).toBe(open.SeatsSold! + 3);
    expect(byId(await sessionsOf(sim)).get(open.Id)!.SeatsAvailable).toBe(open.SeatsAvailable - 3);
    expect((await post('sell', { sessionId: open.Id, seats: 10_000 })).status).toBe(409);
    expect((await post('sell', { sessionId: 1, seats: 1 })).status).toBe(404);
    expect((await post('sell', { sessionId: open.Id })).status).toBe(400);
    expect((await post('sell', { sessionId: open.Id, seats: 1 }, 'wrong')).status).toBe(403);
    expect((await post('nothing', {})).status).toBe(404);
  });
});

describe('veezi-sim with a data folder', () => {
  let harness: SimHarness;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    harness = new SimHarness(START);
    dir = tempDir();
  });
  afterEach(async () => {
    await harness.closeAll();
    dir.remove();
  });

  it('continues the same history after a restart, as if it had never stopped', async () => {
    let saved = await harness.start({ dataDir: dir.path });
    const unbroken = await harness.start();
    const open = (await sessionsOf(saved)).find((s) => s.Status === 'Open' && s.SeatsAvailable > 5)!;
    harness.clock += 30 * MINUTE;
    for (const sim of [saved, unbroken]) {
      await sessionsOf(sim);
      sim.sim.sell(open.Id, 5);
    }
    const before = await simGet(saved, '/v1/session');
    await saved.close();

    saved = await harness.start({ dataDir: dir.path });
    expect(bare((await simGet(saved, '/v1/session')).text)).toBe(bare(before.text));
    harness.clock += HOUR;
    for (const path of ENDPOINTS) {
      const [x, y] = await Promise.all([simGet(saved, path), simGet(unbroken, path)]);
      expect(bare(x.text), path).toBe(bare(y.text));
    }
  });

  it('refuses a folder holding another seed’s run, or a damaged state', async () => {
    await (await harness.start({ dataDir: dir.path, seed: 1 })).close();
    await expect(harness.start({ dataDir: dir.path, seed: 2 })).rejects.toThrow(SimDataError);
    await expect(harness.start({ dataDir: dir.path, seed: 2 })).rejects.toThrow(/seed 1, not 2/);
    writeFileSync(simFile(dir.path), '{"version":1,');
    await expect(harness.start({ dataDir: dir.path, seed: 1 })).rejects.toThrow(/not readable JSON/);
    writeFileSync(simFile(dir.path), '{"version":2}');
    await expect(harness.start({ dataDir: dir.path, seed: 1 })).rejects.toThrow(/not a veezi-sim state/);
  });
});
