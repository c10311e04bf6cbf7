import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, adminHub, inMinutes, seedBasics, type TestHub } from './admin-support.ts';

const MAYA_PASSWORD = 'box office on friday';

type Api = Awaited<ReturnType<typeof adminHub>>['api'];
type Account = { id: string; name: string; role: string; version: number };

/** Named staff accounts with roles (issue 15): who may do what, sessions per person, the audit log names them. */
describe('staff accounts', () => {
  let hub: TestHub;
  let api: Api;
  let maya: Record<string, string>;
  let mayaAccount: Account;
  const as = (headers: Record<string, string>) => (method: string, path: string, body?: unknown) =>
    call(`${hub.url}${path}`, { method, headers, ...(body !== undefined && { body }) });

  beforeAll(async () => {
    ({ hub, api } = await adminHub());
    await seedBasics(api);
    const made = await api<{ account: Account }>('POST', '/api/admin/staff', {
      name: 'Maya',
      role: 'box_office',
      password: MAYA_PASSWORD,
    });
    expect(made.status).toBe(201);
    mayaAccount = made.body.account;
    expect(mayaAccount).toMatchObject({ name: 'Maya', role: 'box_office', version: 1 });
    maya = await signIn(hub.url, MAYA_PASSWORD, 'maya');
  }, 60_000);
  afterAll(() => hub.stop());

  it('signs in by name (any case); a wrong name answers like a wrong password; no name is the first manager', async () => {
    const session = await call<{ kind: string; staff: Account }>(`${hub.url}/api/admin/session`, {
      headers: maya,
    });
    expect(session.body.staff).toMatchObject({ name: 'Maya', role: 'box_office' });
    const login = (body: unknown) => call(`${hub.url}/api/admin/login`, { method: 'POST', body });
    const wrongName = await login({ name: 'Nobody', password: MAYA_PASSWORD });
    const wrongPassword = await login({ name: 'Maya', password: 'not her password' });
    expect([wrongName.status, wrongName.body['code']]).toEqual([401, 'wrong_password']);
    expect([wrongPassword.status, wrongPassword.body['error']]).toEqual([401, wrongName.body['error']]);
    const first = await login({ password: TEST_PASSWORD });
    expect(first.body['staff']).toMatchObject({ name: 'admin', role: 'manager' });
    // Maya's password alone is not the manager's.
    expect((await login({ password: MAYA_PASSWORD })).status).toBe(401);
  }, 60_000);

  it('lets box office sell seats, cancel and reinstate, and post announcements, urgent ones too', async () => {
    const m = as(maya);
    const show = await api<{ record: { id: string; version: number } }>('POST', '/api/admin/showtimes', {
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: inMinutes(120),
      tags: [],
    });
    const id = show.body.record.id;
    expect((await m('PATCH', `/api/admin/showtimes/${id}/availability`, { seatsAvailable: 0 })).status).toBe(
      200,
    );
    const cancelled = await m('POST', `/api/admin/showtimes/${id}/cancel`, { version: 2 });
    expect(cancelled.status).toBe(200);
    expect((await m('POST', `/api/admin/showtimes/${id}/reinstate`, { version: 3 })).status).toBe(200);
    const ann = await m('POST', '/api/admin/announcements', {
      text: 'Screen 2 closed tonight',
      texts: { de: 'Saal 2 heute geschlossen' },
      priority: 1,
      urgent: true,
    });
    expect(ann.status).toBe(201);
    const annId = (ann.body['record'] as { id: string }).id;
    const edit = await m('PUT', `/api/admin/announcements/${annId}`, {
      text: 'Screen 2 closed tonight, sorry',
      priority: 1,
      version: 1,
    });
    expect(edit.status).toBe(200);
  });

  it('refuses box office venue settings, deleting, the schedule, staff and tokens, with role_forbidden', async () => {
    const m = as(maya);
    const state = await m('GET', '/api/admin/state');
    expect(state.status).toBe(200);
    const venue = state.body['venue'] as {
      name: string;
      timezone: string;
      locales: string[];
      version: number;
    };
    const refusals = [
      await m('PUT', '/api/admin/venue', {
        name: 'Renamed',
        timezone: venue.timezone,
        locales: venue.locales,
        version: venue.version,
      }),
      await m('DELETE', '/api/admin/films/f2?version=1'),
      await m('POST', '/api/admin/films', { title: 'New', runtimeMinutes: 90, tags: [] }),
      await m('POST', '/api/admin/showtimes', {
        filmId: 'f1',
        auditoriumId: 'a2',
        startsAt: inMinutes(300),
        tags: [],
      }),
      await m('PUT', '/api/admin/overrides/showtime/nope', { hidden: true }),
      await m('GET', '/api/admin/staff'),
      await m('POST', '/api/admin/staff', { name: 'Sneaky', role: 'manager', password: 'long enough pass' }),
      await m('GET', '/api/admin/tokens'),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.body['code']).toBe('role_forbidden');
    }
    expect(refusals[0]!.body['params']).toEqual({ role: 'box_office', capability: 'venue' });
    expect((await api<{ venue: { name: string } }>('GET', '/api/admin/state')).body.venue.name).toBe(
      venue.name,
    );
  });

  it('names each person in the audit log', async () => {
    const audit = await api<{ entries: { action: string; actor: { kind: string; name: string } }[] }>(
      'GET',
      '/api/admin/audit',
    );
    const byAction = new Map(audit.body.entries.map((e) => [e.action, e.actor.name]));
    expect(byAction.get('showtime.cancel')).toBe('Maya');
    expect(byAction.get('announcement.create')).toBe('Maya');
    expect(byAction.get('showtime.create')).toBe('admin');
    expect(byAction.get('staff.create')).toBe('admin');
  });

  it('gives each person their own sessions: a reset signs out only them, a removal ends them', async () => {
    const other = await api<{ account: Account }>('POST', '/api/admin/staff', {
      name: 'Jo Okafor',
      role: 'box_office',
      password: 'jo sells popcorn',
    });
    const jo = await signIn(hub.url, 'jo sells popcorn', 'Jo Okafor');
    const reset = await api<{ account: Account }>('PATCH', `/api/admin/staff/${other.body.account.id}`, {
      version: 1,
      password: 'jo has a new one',
    });
    expect(reset.status).toBe(200);
    expect((await call(`${hub.url}/api/admin/session`, { headers: jo })).status).toBe(401);
    expect((await call(`${hub.url}/api/admin/session`, { headers: maya })).status).toBe(200);
    const jo2 = await signIn(hub.url, 'jo has a new one', 'jo okafor');
    // A stale version is refused.
    const stale = await api('DELETE', `/api/admin/staff/${other.body.account.id}?version=1`);
    expect(stale.status).toBe(409);
    const removed = await api('DELETE', `/api/admin/staff/${other.body.account.id}?version=2`);
    expect(removed.status).toBe(200);
    expect((await call(`${hub.url}/api/admin/session`, { headers: jo2 })).status).toBe(401);
    expect((await call(`${hub.url}/api/admin/session`, { headers: maya })).status).toBe(200);
  }, 60_000);

  it('keeps a manager: the last one cannot be demoted or removed; names are unique whatever their case', async () => {
    const list = await api<{ staff: Account[] }>('GET', '/api/admin/staff');
    const admin = list.body.staff.find((a) => a.name === 'admin')!;
    const demote = await api('PATCH', `/api/admin/staff/${admin.id}`, {
      version: admin.version,
      role: 'box_office',
    });
    expect([demote.status, demote.body['code']]).toEqual([409, 'last_manager']);
    const remove = await api('DELETE', `/api/admin/staff/${admin.id}?version=${admin.version}`);
    expect([remove.status, remove.body['code']]).toEqual([409, 'last_manager']);
    const twin = await api('POST', '/api/admin/staff', {
      name: 'MAYA',
      role: 'manager',
      password: 'another long one',
    });
    expect([twin.status, twin.body['code']]).toEqual([409, 'name_taken']);
    // Promoted, Maya may now change venue settings.
    const promote = await api<{ account: Account }>('PATCH', `/api/admin/staff/${mayaAccount.id}`, {
      version: mayaAccount.version,
      role: 'manager',
    });
    expect(promote.body.account.role).toBe('manager');
    expect((await as(maya)('GET', '/api/admin/staff')).status).toBe(200);
  });
});
