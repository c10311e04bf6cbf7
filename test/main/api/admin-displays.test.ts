import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HeartbeatAnswer } from '../../../main/domain/pairing.ts';
import { idOf } from '../../support/event-ids.ts';
import { call } from '../../support/http.ts';
import { adminHub } from './admin-support.ts';
import { raw } from './security-support.ts';

describe('display heartbeats and the displays panel', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const beat = (body: unknown, headers: Record<string, string> = {}) =>
    call(`${ctx.hub.url}/api/displays/heartbeat`, { method: 'POST', body, headers });
  const good = () => ({
    displayId: 'lobby-left',
    role: 'board',
    lastEventId: idOf(ctx.hub.store, ctx.hub.store.seq),
    lastFrameAt: new Date().toISOString(),
    url: `${ctx.hub.url}/`,
  });
  beforeEach(async () => {
    ctx = await adminHub();
  });
  afterEach(() => ctx.hub.stop());

  it("answers with the hub's clock and lists the clock offset the screen reports", async () => {
    const before = Date.now();
    const res = await beat({ ...good(), clockOffsetMs: -45_000 });
    expect(res.status).toBe(200);
    const answer = HeartbeatAnswer.parse(res.body);
    expect(Date.parse(answer.now!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(answer.now!)).toBeLessThanOrEqual(Date.now());
    const list = await ctx.api<{ displays: Record<string, unknown>[] }>('GET', '/api/admin/displays');
    expect(list.body.displays).toEqual([
      expect.objectContaining({ displayId: 'lobby-left', clockOffsetMs: -45_000 }),
    ]);
    // A screen that does not say is not taken to be on time.
    expect((await beat(good())).status).toBe(200);
    const again = await ctx.api<{ displays: Record<string, unknown>[] }>('GET', '/api/admin/displays');
    expect(again.body.displays[0]).toMatchObject({ clockOffsetMs: null });
    expect((await beat({ ...good(), clockOffsetMs: 1.5 })).status).toBe(400);
  });

  it('lists a screen with its lag and last-seen time', async () => {
    const seq = ctx.hub.store.seq;
    expect((await beat({ ...good(), lastEventId: idOf(ctx.hub.store, seq) })).status).toBe(200);
    await ctx.api('POST', '/api/admin/auditoriums', { name: 'Screen 1', capacity: 10 });
    await ctx.api('POST', '/api/admin/auditoriums', { name: 'Screen 2', capacity: 10 });
    expect(
      (
        await beat({
          displayId: 'door-1',
          role: 'door',
          auditoriumId: 'a1',
          lastEventId: idOf(ctx.hub.store, seq),
          lastFrameAt: new Date().toISOString(),
          url: `${ctx.hub.url}/door/a1`,
        })
      ).status,
    ).toBe(200);
    const list = await ctx.api<{ seq: number; displays: Record<string, unknown>[] }>(
      'GET',
      '/api/admin/displays',
    );
    expect(list.status).toBe(200);
    expect(list.body.displays).toEqual([
      expect.objectContaining({
        displayId: 'door-1',
        role: 'door',
        auditoriumId: 'a1',
        lag: 2,
        health: { state: 'ok' },
      }),
      expect.objectContaining({
        displayId: 'lobby-left',
        role: 'board',
        lastEventId: seq,
        lag: 0,
        address: '127.0.0.1',
      }),
    ]);
    expect(Date.parse(list.body.displays[0]!['lastSeenAt'] as string)).toBeGreaterThan(Date.now() - 5_000);
    expect((await ctx.api('DELETE', '/api/admin/displays/door-1')).status).toBe(200);
    expect((await ctx.api('DELETE', '/api/admin/displays/door-1')).status).toBe(404);
    const audit = await ctx.api<{ entries: { action: string; targets: unknown[] }[] }>(
      'GET',
      '/api/admin/audit',
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'display.forget',
      targets: [{ type: 'display', id: 'door-1', change: 'removed' }],
    });
    // The panel is for staff.
    expect((await call(`${ctx.hub.url}/api/admin/displays`)).status).toBe(401);
  });

  it('validates heartbeats strictly', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ displayId: 'bad id with spaces' }, 'displayId'],
      [{ role: 'kiosk' }, 'role'],
      [{ role: 'door' }, 'auditoriumId'],
      [{ lastEventId: -1 }, 'lastEventId'],
      [{ lastEventId: 1.5 }, 'lastEventId'],
      [{ lastEventId: '12a' }, 'lastEventId'],
      [{ lastEventId: '3f9a1c2e-' }, 'lastEventId'],
      [{ lastEventId: 'ABC-12' }, 'lastEventId'],
      [{ lastFrameAt: 'yesterday' }, 'lastFrameAt'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ extra: true }, '(body)'],
    ];
    for (const [patch, field] of cases) {
      const res = await beat({ ...good(), ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(Object.keys(res.body['fields'] as object), JSON.stringify(patch)).toContain(field);
    }
    expect((await beat({ ...good(), url: 'x'.repeat(5000) })).status).toBe(413);
    expect((await beat(good(), { Origin: 'http://evil.example' })).status).toBe(403);
    expect(ctx.hub.store.displays.all()).toEqual([]);
  });

  it('obeys the Host allow-list: a DNS-rebinding page cannot register screens', async () => {
    const evil = `evil.example:${ctx.hub.port}`;
    const res = await raw(`${ctx.hub.url}/api/displays/heartbeat`, {
      method: 'POST',
      // The rebinding page's own origin, matching the Host it addressed.
      headers: { 'Content-Type': 'application/json', Host: evil, Origin: `http://${evil}` },
      body: JSON.stringify(good()),
    });
    expect(res.status).toBe(421);
    expect(ctx.hub.store.displays.all()).toEqual([]);
  });

  it('rate-limits heartbeats per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await beat({ ...good(), displayId: `d${i}` })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const res = await beat(good());
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('places a reported id in the hub’s history: one of another history, or a bare number, counts as none', async () => {
    const seq = ctx.hub.store.seq;
    const reports: [string, unknown][] = [
      ['current', idOf(ctx.hub.store, seq)],
      ['other-history', `0badf00d-${seq}`],
      ['bare-number', seq],
      ['bare-string', String(seq)],
    ];
    for (const [displayId, lastEventId] of reports)
      expect((await beat({ ...good(), displayId, lastEventId })).status).toBe(200);
    const list = await ctx.api<{ displays: { displayId: string; lastEventId: number | null }[] }>(
      'GET',
      '/api/admin/displays',
    );
    const byId = Object.fromEntries(list.body.displays.map((d) => [d.displayId, d.lastEventId]));
    // This hub's history did not start from one before epochs, so bare numbers name nothing in it.
    expect(byId).toEqual({ current: seq, 'other-history': null, 'bare-number': null, 'bare-string': null });
  });
});
