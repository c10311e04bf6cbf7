import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../main/domain/events.ts';
import { UPSTREAM_ID_KEY } from '../../../main/store/store.ts';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, type TestHub, startTestHub } from '../../support/test-hub.ts';
import { TestUpstream, frame, stream, until } from './support/test-upstream.ts';
import { idOf } from '../../support/event-ids.ts';

/**
 * Orbit Nine, 19:10, Screen 4 (Dolby Cinema), 3D, Mandarin with English and
 * Chinese subtitles, audio-described, 14 seats left, and an urgent
 * "Screen 2 evacuated": said once by a feed event, once by an admin API call
 * and once by a CSV row, on the middle hub of upstream → A → B.
 */
const SCREEN_4 = {
  id: 'u-aud-4',
  name: 'Screen 4',
  label: '4',
  names: { 'zh-CN': '4号厅' },
  capacity: 210,
  features: ['Dolby Cinema'],
  externalId: 'veezi-screen-4',
};
const ORBIT = {
  id: 'u-orbit',
  title: 'Orbit Nine',
  titles: { 'zh-CN': '第九轨道' },
  runtimeMinutes: 141,
  tags: [],
  externalId: 'veezi-film-9',
};
/** 19:10 in Singapore on `day` (March 2030). */
const at1910 = (day: number) => `2030-03-${day}T11:10:00.000Z`;
/** The feature 20 minutes later. */
const feature = (day: number) => `2030-03-${day}T11:30:00.000Z`;
const SHOW = {
  filmId: 'u-orbit',
  auditoriumId: 'u-aud-4',
  tags: ['3D', 'AD'],
  audio: 'cmn',
  subtitles: ['en', 'zh-Hans'],
  capacity: 210,
  seatsAvailable: 14,
  status: 'scheduled',
};
const URGENT = {
  id: 'u-urgent',
  text: 'Screen 2 evacuated',
  texts: { 'zh-CN': '2号厅正在疏散' },
  endsAt: '2030-03-15T12:00:00.000Z',
  priority: 100,
  urgent: true,
};

/** The first contract's shapes, as an older feed sends them; its film still carries IMAX. */
const OLD = {
  auditorium: { id: 'old-aud', name: 'Hall 7', capacity: 90 },
  film: { id: 'old-film', title: 'Tidewater', runtimeMinutes: 128, tags: ['IMAX', 'Family'] },
  showtime: {
    id: 'old-st',
    filmId: 'old-film',
    auditoriumId: 'old-aud',
    startsAt: '2030-03-15T02:00:00Z',
    tags: [],
    capacity: 90,
    seatsAvailable: 90,
    status: 'scheduled',
  },
  announcement: { id: 'old-ann', text: 'Welcome', priority: 0 },
};

const WORLD = {
  seq: 1,
  venue: {
    id: 'central',
    name: 'Marquee Central',
    names: { 'zh-CN': 'Marquee 中央影城' },
    timezone: 'Asia/Singapore',
    locales: ['en', 'zh-CN'],
  },
  auditoriums: [SCREEN_4, OLD.auditorium],
  films: [ORBIT, OLD.film],
  showtimes: [
    {
      id: 'u-st-1',
      startsAt: at1910(15),
      featureStartsAt: feature(15),
      externalId: 'veezi-session-1',
      ...SHOW,
    },
    OLD.showtime,
  ],
  announcements: [URGENT, OLD.announcement],
};

type Plain = Record<string, unknown>;
const plain = ({ version: _v, source: _s, ...rest }: Plain) => rest;
const byId = (list: readonly Plain[]) => Object.fromEntries(list.map((r) => [String(r['id']), plain(r)]));

describe('two chained hubs (upstream → A → B)', () => {
  let upstream: TestUpstream | undefined;
  const hubs: TestHub[] = [];
  afterEach(async () => {
    for (const hub of hubs.splice(0).reverse()) await hub.stop();
    await upstream?.close();
  });

  const caughtUp = (follower: TestHub, leader: TestHub, what: string) =>
    until(
      () => follower.store.meta.get(UPSTREAM_ID_KEY) === idOf(leader.store, leader.store.seq),
      what,
      15_000,
    );
  const snapshot = async (hub: TestHub) => (await call<Snapshot>(`${hub.url}/api/snapshot`)).body;

  it('carries every new field from a feed event, an admin call and a CSV row through both hubs unchanged; old shapes still relay', async () => {
    upstream = await TestUpstream.start();
    upstream.answers.push(stream(frame('snapshot', WORLD, 1)));
    const a = await startTestHub({ adminPassword: TEST_PASSWORD, upstream: { url: upstream.url } });
    hubs.push(a);
    await until(() => a.store.meta.get(UPSTREAM_ID_KEY) === '1', 'hub A to take the snapshot', 15_000);

    // 1. A feed event: a second show, then a seat sale.
    upstream.write(
      frame(
        'showtime.upsert',
        { id: 'u-st-2', startsAt: at1910(18), featureStartsAt: feature(18), ...SHOW, seatsAvailable: 20 },
        2,
      ),
    );
    upstream.write(frame('availability', { showtimeId: 'u-st-2', seatsAvailable: 14 }, 3));
    await until(() => a.store.meta.get(UPSTREAM_ID_KEY) === '3', 'hub A to apply the feed events', 15_000);

    // 2. An admin API call, and an urgent announcement by staff.
    const auth = await signIn(a.url, TEST_PASSWORD);
    const admin = (method: string, path: string, body: unknown) =>
      call<Record<string, unknown> & { record: Plain }>(`${a.url}${path}`, { method, headers: auth, body });
    const byApi = await admin('POST', '/api/admin/showtimes', {
      id: 'a-st-api',
      startsAt: at1910(16),
      featureStartsAt: feature(16),
      ...SHOW,
    });
    expect(byApi.status).toBe(201);
    const urgent = await admin('POST', '/api/admin/announcements', {
      id: 'a-urgent',
      text: 'Screen 2 evacuated',
      texts: { 'zh-CN': '2号厅正在疏散' },
      urgent: true,
      priority: 100,
    });
    expect(urgent.status).toBe(201);

    // 3. A CSV row: the auditorium by its label, the languages by name.
    const csv = [
      'date,time,auditorium,film,tags,audio,subtitles,capacity,seats',
      '2030-03-17,19:10,4,Orbit Nine,3D;AD,Mandarin,en;zh-Hans,,14',
    ].join('\n');
    const imported = await admin('POST', '/api/admin/import/showtimes', { csv });
    expect(imported.status).toBe(201);
    const csvShow = (imported.body['records'] as Plain[])[0]!;

    const shown = (await snapshot(a)).showtimes as unknown as Plain[];
    const show = (id: string) => shown.find((s) => s['id'] === id);
    expect(show('u-st-1')).toMatchObject({
      ...SHOW,
      startsAt: at1910(15),
      featureStartsAt: feature(15),
      externalId: 'veezi-session-1',
    });
    expect(show('u-st-2')).toMatchObject({
      ...SHOW,
      startsAt: at1910(18),
      featureStartsAt: feature(18),
      seatsAvailable: 14,
    });
    expect(show('a-st-api')).toMatchObject({
      ...SHOW,
      startsAt: at1910(16),
      featureStartsAt: '2030-03-16T11:30:00.000Z',
    });
    expect(show(String(csvShow['id']))).toMatchObject({ ...SHOW, startsAt: at1910(17) });
    expect(show(String(csvShow['id']))).not.toHaveProperty('featureStartsAt');

    // B follows A; A's records, local and upstream, arrive on B as they are on A.
    const b = await startTestHub({ upstream: { url: `${a.url}/events` } });
    hubs.push(b);
    await caughtUp(b, a, 'hub B to catch up with A');
    const [sa, sb] = [await snapshot(a), await snapshot(b)];
    for (const kind of ['auditoriums', 'films', 'showtimes', 'announcements'] as const) {
      expect(byId(sb[kind] as unknown as Plain[]), kind).toEqual(byId(sa[kind] as unknown as Plain[]));
      expect(
        (sb[kind] as { source?: string }[]).every((r) => r.source === 'upstream'),
        kind,
      ).toBe(true);
    }
    expect(plain({ ...sb.venue, settings: undefined })).toEqual(plain({ ...sa.venue, settings: undefined }));
    expect(sb.venue.names).toEqual({ 'zh-CN': 'Marquee 中央影城' });
    expect(byId(sb.auditoriums as unknown as Plain[])['u-aud-4']).toEqual(SCREEN_4);
    expect(byId(sb.films as unknown as Plain[])['u-orbit']).toEqual(ORBIT);
    expect(byId(sb.announcements as unknown as Plain[])['u-urgent']).toEqual(URGENT);
    expect(byId(sb.announcements as unknown as Plain[])['a-urgent']).toMatchObject({
      urgent: true,
      endsAt: urgent.body.record['endsAt'],
    });

    // The old feed's records relayed too, its film's format moved to its show on A and so on B.
    expect(byId(sb.films as unknown as Plain[])['old-film']).toEqual({ ...OLD.film, tags: ['Family'] });
    expect(byId(sb.showtimes as unknown as Plain[])['old-st']).toEqual({
      ...OLD.showtime,
      startsAt: '2030-03-15T02:00:00.000Z',
      tags: ['IMAX'],
    });
    expect(byId(sb.auditoriums as unknown as Plain[])['old-aud']).toEqual(OLD.auditorium);
    expect(byId(sb.announcements as unknown as Plain[])['old-ann']).toEqual(OLD.announcement);
    expect(a.logLines.some((l) => l.includes('old-film: IMAX moved from the film to its showtimes'))).toBe(
      true,
    );

    // Both hubs audited the urgent announcements the feed brought them.
    const urgentAudits = (hub: TestHub) =>
      hub.store.audit
        .page(100)
        .filter((e) => e.action === 'announcement.urgent')
        .flatMap((e) => e.targets.map((t) => t.id));
    expect(urgentAudits(a)).toEqual(['u-urgent']);
    expect(urgentAudits(b).sort()).toEqual(['a-urgent', 'u-urgent']);

    // A seat sale on A reaches B as a seat sale.
    const sold = await call(`${a.url}/api/admin/showtimes/a-st-api/availability`, {
      method: 'PATCH',
      headers: auth,
      body: { seatsAvailable: 12 },
    });
    expect(sold.status).toBe(200);
    await caughtUp(b, a, 'hub B to hear of the sale');
    expect(b.store.records.showtimes.get('a-st-api')?.seatsAvailable).toBe(12);
  });
});
