import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, adminHub } from './admin-support.ts';

type Answer = { ok: true; pairingCode?: string; assigned?: Record<string, unknown> | null };
type Alert = { displayId: string; name: string; reason: string };
type List = {
  displays: {
    displayId: string;
    assigned: Record<string, unknown> | null;
    ghost: boolean;
    pairingCode?: string;
  }[];
  pairing: { on: boolean };
  alerts: Alert[];
};

describe('pairing screens, and warnings when one stalls', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const beat = (displayId: string) =>
    call<Answer>(`${ctx.hub.url}/api/displays/heartbeat`, {
      method: 'POST',
      body: {
        displayId,
        role: 'board',
        lastEventId: null,
        lastFrameAt: new Date().toISOString(),
        url: `${ctx.hub.url}/`,
      },
    });
  const list = async () => (await ctx.api<List>('GET', '/api/admin/displays')).body;
  /** Shows today at 13:00 and 20:00 (venue in UTC): open from 12:40 (seating) to 20:00. */
  const openDay = async () => {
    await ctx.api('PUT', '/api/admin/venue', { ...ctx.hub.store.venue(), timezone: 'UTC' });
    await ctx.api('POST', '/api/admin/films', { id: 'f1', title: 'Tidewater', runtimeMinutes: 90, tags: [] });
    for (const startsAt of ['2030-05-06T13:00:00Z', '2030-05-06T20:00:00Z'])
      await ctx.api('POST', '/api/admin/showtimes', { filmId: 'f1', auditoriumId: 'a1', startsAt });
  };

  beforeEach(async () => {
    // The hub reads the clock it was given at start: a fake Date, moved on by the tests.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-05-06T12:00:00Z') });
    ctx = await adminHub();
    await ctx.api('POST', '/api/admin/auditoriums', { id: 'a1', name: 'Screen 1', capacity: 10 });
  });
  afterEach(async () => {
    await ctx.hub.stop();
    vi.useRealTimers();
  });

  it('shows a code only in pairing mode and only on unnamed screens; the code names the screen', async () => {
    expect((await beat('browser-aa')).body.pairingCode).toBeUndefined();
    expect((await ctx.api('POST', '/api/admin/displays/pairing', { on: true })).status).toBe(200);
    const code = (await beat('browser-aa')).body.pairingCode!;
    expect(code).toMatch(/^[A-HJ-KMNP-Z2-9]{4}$/);
    expect((await beat('browser-aa')).body.pairingCode).toBe(code);
    const other = (await beat('browser-bb')).body.pairingCode;
    expect(other).not.toBe(code);

    const wrong = await ctx.api('POST', '/api/admin/displays/pair', {
      code: 'ZZZZ',
      name: 'Lobby',
      role: 'board',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body['fields']).toHaveProperty('code');
    const door = await ctx.api('POST', '/api/admin/displays/pair', { code, name: 'Door 1', role: 'door' });
    expect(door.body['fields']).toHaveProperty('auditoriumId');

    const paired = await ctx.api('POST', '/api/admin/displays/pair', {
      code: ` ${code.toLowerCase()} `,
      name: 'Door 1',
      role: 'door',
      auditoriumId: 'a1',
    });
    expect(paired.status).toBe(200);
    const answer = (await beat('browser-aa')).body;
    expect(answer.assigned).toEqual({ name: 'Door 1', role: 'door', auditoriumId: 'a1' });
    expect(answer.pairingCode).toBeUndefined();
    const audit = await ctx.api<{ entries: { action: string; summary: string }[] }>(
      'GET',
      '/api/admin/audit?limit=1',
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'display.pair',
      summary: expect.stringContaining('Door 1'),
    });

    await ctx.api('POST', '/api/admin/displays/pairing', { on: false });
    expect((await beat('browser-bb')).body.pairingCode).toBeUndefined();
    expect((await list()).displays.find((d) => d.displayId === 'browser-aa')?.assigned).toMatchObject({
      name: 'Door 1',
    });
  });

  it('keeps the name across a hub restart', async () => {
    await ctx.api('POST', '/api/admin/displays/pairing', { on: true });
    const code = (await beat('browser-aa')).body.pairingCode!;
    await ctx.api('POST', '/api/admin/displays/pair', { code, name: 'Lobby left', role: 'departures' });
    const again = await adminHub({ dataDir: ctx.hub.dataDir });
    try {
      const res = await call<Answer>(`${again.hub.url}/api/displays/heartbeat`, {
        method: 'POST',
        body: {
          displayId: 'browser-aa',
          role: 'board',
          lastEventId: null,
          lastFrameAt: new Date().toISOString(),
          url: `${again.hub.url}/`,
        },
      });
      expect(res.body.assigned).toEqual({ name: 'Lobby left', role: 'departures' });
    } finally {
      await again.hub.close();
    }
  });

  it('warns of a screen that goes silent during opening hours until acknowledged; not after the last show', async () => {
    await openDay();
    vi.setSystemTime(Date.parse('2030-05-06T14:00:00Z'));
    await beat('lobby');
    expect((await list()).alerts).toEqual([]);
    vi.setSystemTime(Date.now() + 60_000);
    const auth = await signIn(ctx.hub.url, TEST_PASSWORD);
    const get = async () => (await call<List>(`${ctx.hub.url}/api/admin/displays`, { headers: auth })).body;
    expect((await get()).alerts).toEqual([
      { displayId: 'lobby', name: 'lobby', reason: 'silent', since: '2030-05-06T14:00:45.000Z' },
    ]);
    await call(`${ctx.hub.url}/api/admin/displays/lobby/acknowledge`, { method: 'POST', headers: auth });
    expect((await get()).alerts).toEqual([]);

    // Switched off at closing: after the last show's start, nothing is raised.
    vi.setSystemTime(Date.parse('2030-05-06T20:05:00Z'));
    await beat('lobby');
    vi.setSystemTime(Date.now() + 120_000);
    expect((await get()).alerts).toEqual([]);
  });

  it('keeps an acknowledged stall down across a hub restart, and warns again of a new stall', async () => {
    await openDay();
    vi.setSystemTime(Date.parse('2030-05-06T14:00:00Z'));
    // Two beats 30 s apart: the second is within the minute, so only memory had it before the acknowledgement.
    await beat('lobby');
    vi.setSystemTime(Date.now() + 30_000);
    await beat('lobby');
    vi.setSystemTime(Date.now() + 60_000);
    expect((await list()).alerts.map((a) => a.displayId)).toEqual(['lobby']);
    const ack = await ctx.api('POST', '/api/admin/displays/lobby/acknowledge');
    expect(ack.status).toBe(200);
    const audit = await ctx.api<{ entries: { action: string; summary: string }[] }>(
      'GET',
      '/api/admin/audit?limit=1',
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'display.acknowledge',
      summary: 'Acknowledged that screen "lobby" stalled',
    });

    await ctx.hub.close();
    ctx = await adminHub({ dataDir: ctx.hub.dataDir });
    expect((await list()).alerts).toEqual([]);

    // It comes back, then stalls again: a new warning.
    await beat('lobby');
    vi.setSystemTime(Date.now() + 60_000);
    expect((await list()).alerts.map((a) => a.displayId)).toEqual(['lobby']);
  });

  it('renames a paired screen and gives it a new role, audited; the screen learns it from its next beat', async () => {
    await ctx.api('POST', '/api/admin/displays/pairing', { on: true });
    const code = (await beat('browser-aa')).body.pairingCode!;
    await ctx.api('POST', '/api/admin/displays/pair', { code, name: 'Lobby left', role: 'board' });

    const door = await ctx.api('PUT', '/api/admin/displays/browser-aa', { name: 'Door 1', role: 'door' });
    expect(door.status).toBe(400);
    expect(door.body['fields']).toHaveProperty('auditoriumId');
    const nowhere = await ctx.api('PUT', '/api/admin/displays/browser-aa', {
      name: 'Door 9',
      role: 'door',
      auditoriumId: 'a9',
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body['fields']).toHaveProperty('auditoriumId');
    const unpaired = await ctx.api('PUT', '/api/admin/displays/browser-zz', { name: 'X', role: 'board' });
    expect(unpaired.status).toBe(400);
    expect(unpaired.body['fields']).toHaveProperty('displayId');

    const renamed = await ctx.api<{ display: { assigned: unknown } }>(
      'PUT',
      '/api/admin/displays/browser-aa',
      {
        name: 'Door 1',
        role: 'door',
        auditoriumId: 'a1',
        lang: 'fr',
      },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.display.assigned).toEqual({
      name: 'Door 1',
      role: 'door',
      auditoriumId: 'a1',
      lang: 'fr',
    });
    expect((await beat('browser-aa')).body.assigned).toEqual({
      name: 'Door 1',
      role: 'door',
      auditoriumId: 'a1',
      lang: 'fr',
    });
    const audit = await ctx.api<{ entries: { action: string; summary: string }[] }>(
      'GET',
      '/api/admin/audit?limit=1',
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'display.rename',
      summary: 'Renamed the screen "Lobby left" (board) to "Door 1" (door)',
    });
  });

  it('folds away a screen unseen for a day, and forgets it with its name', async () => {
    await beat('old');
    vi.setSystemTime(Date.now() + 25 * 3_600_000);
    const auth = await signIn(ctx.hub.url, TEST_PASSWORD);
    const res = await call<List>(`${ctx.hub.url}/api/admin/displays`, { headers: auth });
    expect(res.body.displays.find((d) => d.displayId === 'old')?.ghost).toBe(true);
    expect(
      (await call(`${ctx.hub.url}/api/admin/displays/old`, { method: 'DELETE', headers: auth })).status,
    ).toBe(200);
  });
});
