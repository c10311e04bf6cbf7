import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Change } from '../../../main/domain/events.ts';
import { OverrideInput } from '../../../main/domain/overrides.ts';
import { Announcement, Auditorium, Film } from '../../../main/domain/records.ts';
import { InvalidChangeError } from '../../../main/store/errors.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { showtime } from './fixtures.ts';

const NOW = Date.parse('2029-12-31T10:00:00Z');
const up = { origin: 'upstream' as const };

const aud = (id: string, extra: Partial<Auditorium> = {}): Change => ({
  type: 'auditorium.upsert',
  data: Auditorium.parse({ id, name: `Screen ${id}`, capacity: 100, ...extra }),
});
const film = (id: string, extra: Partial<Film> = {}): Change => ({
  type: 'film.upsert',
  data: Film.parse({ id, title: `Film ${id}`, runtimeMinutes: 100, ...extra }),
});
const show = showtime;
const note = (id: string, extra: Partial<Announcement> = {}): Change => ({
  type: 'announcement.upsert',
  data: Announcement.parse({ id, text: 'Screen 2 evacuated', ...extra }),
});
const events = (store: Store, after: number) =>
  store
    .eventsAfter(after)!
    .map((e) => ({ type: e.type, data: JSON.parse(e.json) as Record<string, unknown> }));

describe('Store: the cinema data model', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let clock = NOW;
  beforeEach(() => {
    dir = tempDir();
    clock = NOW;
    store = Store.open({ file: join(dir.path, 'marquee.db'), now: () => clock });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  describe('formats from a feed', () => {
    it('moves format tags off an upstream film onto its shows, except where the show or room has a format', () => {
      const notices: string[] = [];
      store.apply(
        [
          aud('a1'),
          aud('imax', { features: ['IMAX', 'Laser'] }),
          film('f1'),
          show('s1'),
          show('s2', { auditoriumId: 'imax' }),
          show('s3', { tags: ['3D'] }),
        ],
        up,
      );
      const seq = store.seq;
      store.apply([film('f1', { tags: ['IMAX', 'Laser', 'Family'] })], {
        ...up,
        onNotice: (l) => notices.push(l),
      });
      expect(store.records.films.get('f1')?.tags).toEqual(['Family']);
      expect(store.records.showtimes.get('s1')?.tags).toEqual(['IMAX', 'Laser']);
      expect(store.records.showtimes.get('s2')?.tags).toEqual([]);
      expect(store.records.showtimes.get('s3')?.tags).toEqual(['3D']);
      expect(events(store, seq).map((e) => `${e.type} ${String(e.data['id'])}`)).toEqual([
        'film.upsert f1',
        'showtime.upsert s1',
      ]);
      expect(notices).toEqual([
        'film f1: IMAX, Laser moved from the film to its showtimes (1 changed now); formats belong to screenings',
      ]);
      // Shows the feed sends later get them too, and the same film again changes nothing.
      store.apply([show('s4', { startsAt: '2030-01-02T19:00:00Z' })], up);
      expect(store.records.showtimes.get('s4')?.tags).toEqual(['IMAX', 'Laser']);
      const after = store.seq;
      notices.length = 0;
      store.apply(
        [film('f1', { tags: ['IMAX', 'Laser', 'Family'] }), show('s4', { startsAt: '2030-01-02T19:00:00Z' })],
        {
          ...up,
          onNotice: (l) => notices.push(l),
        },
      );
      expect(store.seq).toBe(after);
      expect(notices).toEqual([]);
      // A film that leaves the feed takes its remembered formats with it.
      store.apply(
        ['s1', 's2', 's3', 's4'].map((id): Change => ({ type: 'showtime.remove', data: { id } })),
        up,
      );
      expect(store.records.screeningTagsOfUpstreamFilm('f1')).toEqual(['IMAX', 'Laser']);
      store.apply([{ type: 'film.remove', data: { id: 'f1' } }], up);
      expect(store.records.screeningTagsOfUpstreamFilm('f1')).toEqual([]);
    });

    it('refuses a format on a local film with a clear message on tags', () => {
      store.apply([film('f1')]);
      let caught: unknown;
      try {
        store.apply([film('f1', { tags: ['Family', 'IMAX'] })]);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InvalidChangeError);
      expect(caught).toMatchObject({
        field: 'tags',
        message:
          '"IMAX" is a format, which belongs to a screening, not to a film: put it on the showtimes (or on the auditorium\'s features) instead',
      });
      expect(store.records.films.get('f1')?.tags).toEqual([]);
    });

    it('compares records by content, not key order: the same film twice logs once', () => {
      store.apply([film('f1', { titles: { 'zh-CN': '潮汐' }, rating: 'PG', posterUrl: '/posters/x.svg' })]);
      const seq = store.seq;
      store.apply([film('f1', { titles: { 'zh-CN': '潮汐' }, rating: 'PG', posterUrl: '/posters/x.svg' })]);
      expect(store.seq).toBe(seq);
    });
  });

  describe('urgent announcements', () => {
    it('end two hours after posting when they give no end, and a repeat does not extend them', () => {
      store.apply([note('u1', { urgent: true })]);
      expect(store.records.announcements.get('u1')).toMatchObject({
        urgent: true,
        endsAt: '2029-12-31T12:00:00.000Z',
      });
      clock += 60 * 60_000;
      const seq = store.seq;
      store.apply([note('u1', { urgent: true })]);
      expect(store.seq).toBe(seq);
      expect(store.records.announcements.get('u1')?.endsAt).toBe('2029-12-31T12:00:00.000Z');
    });

    it('hold staff to 140 characters per language and two hours, by field', () => {
      expect(() => store.apply([note('u1', { urgent: true, text: 'x'.repeat(141) })])).toThrow(
        expect.objectContaining({
          field: 'text',
          message: expect.stringContaining('at most 140 characters'),
        }),
      );
      expect(() => store.apply([note('u1', { urgent: true, endsAt: '2029-12-31T12:01:00Z' })])).toThrow(
        expect.objectContaining({ field: 'endsAt', message: expect.stringContaining('at most 2 hours') }),
      );
      expect(store.records.announcements.count()).toBe(0);
      // A normal announcement may be long and last.
      store.apply([note('n1', { text: 'x'.repeat(300), endsAt: '2030-02-01T00:00:00Z' })]);
      expect(store.records.announcements.get('n1')?.urgent).toBeUndefined();
    });

    it('take an upstream one as sent, give it an end, and audit it; other feed writes stay unaudited', () => {
      store.apply([note('n1')], up);
      expect(store.audit.page(10)).toEqual([]);
      store.apply([note('u1', { urgent: true, text: 'y'.repeat(200) })], up);
      expect(store.records.announcements.get('u1')).toMatchObject({
        urgent: true,
        endsAt: '2029-12-31T12:00:00.000Z',
        source: 'upstream',
      });
      const [entry] = store.audit.page(10);
      expect(entry).toMatchObject({
        actor: { kind: 'system', id: 'upstream', name: 'upstream feed' },
        action: 'announcement.urgent',
        summary: 'The upstream feed posted urgent announcement(s) u1',
        targets: [{ type: 'announcement', id: 'u1', change: 'created' }],
        targetCount: 1,
        seqFrom: store.seq,
        seqTo: store.seq,
      });
    });

    it('can be dismissed here like a hidden record, and stays dismissed through upstream updates', () => {
      store.apply([note('u1', { urgent: true })], up);
      const seq = store.seq;
      store.setOverride('announcement', 'u1', OverrideInput.parse({ hidden: true }));
      expect(events(store, seq)).toEqual([{ type: 'announcement.remove', data: { id: 'u1' } }]);
      store.apply([note('u1', { urgent: true, text: 'Screen 2 evacuated — use exit B' })], up);
      expect(store.seq).toBe(seq + 1);
      expect(store.snapshot().announcements).toEqual([]);
      // The upstream still updated its record, and that is audited.
      expect(store.audit.page(1)[0]).toMatchObject({
        action: 'announcement.urgent',
        targets: [{ id: 'u1', change: 'updated' }],
      });
    });
  });

  describe('local overlays of upstream records', () => {
    beforeEach(() => {
      store.apply(
        [
          aud('a1', { capacity: 200 }),
          film('f1', { titles: { 'zh-CN': '影' } }),
          show('s1', { tags: ['3D'] }),
        ],
        up,
      );
    });
    const set = (kind: 'auditorium' | 'film' | 'showtime', id: string, input: Record<string, unknown>) =>
      store.setOverride(
        kind,
        id,
        OverrideInput.parse({ version: store.overrides.get(kind, id)?.version, ...input }),
      );

    it('merges a label, names and features over an auditorium, and keeps them through upstream updates', () => {
      const seq = store.seq;
      set('auditorium', 'a1', {
        label: '4',
        names: { 'zh-CN': '4号厅' },
        features: ['Dolby Cinema', 'Wheelchair'],
      });
      const shown = {
        id: 'a1',
        name: 'Screen a1',
        label: '4',
        names: { 'zh-CN': '4号厅' },
        capacity: 200,
        features: ['Dolby Cinema', 'Wheelchair'],
        source: 'upstream',
        version: 1,
      };
      expect(events(store, seq)).toEqual([{ type: 'auditorium.upsert', data: shown }]);
      store.apply([aud('a1', { capacity: 220, features: ['Laser'] })], up);
      expect(store.snapshot().auditoriums).toEqual([
        { ...shown, capacity: 220, features: ['Laser', 'Dolby Cinema', 'Wheelchair'], version: 2 },
      ]);
      // The stored upstream record stays as the feed sent it.
      expect(store.records.auditoriums.get('a1')).not.toHaveProperty('label');
    });

    it('merges titles and a poster over a film, and adds tags to a show; null clears one field', () => {
      set('film', 'f1', { titles: { ms: 'Filem' }, posterUrl: '/posters/local.png' });
      set('showtime', 's1', { tags: ['AD', '3d'] });
      const snap = store.snapshot();
      expect(snap.films[0]).toMatchObject({
        titles: { 'zh-CN': '影', ms: 'Filem' },
        posterUrl: '/posters/local.png',
      });
      expect(snap.showtimes[0]?.tags).toEqual(['3D', 'AD']);
      // A client that knows only the flags keeps the overlay when it hides the show.
      set('showtime', 's1', { hidden: false, note: 'AD headsets at the desk' });
      expect(store.overrides.get('showtime', 's1')).toMatchObject({
        tags: ['AD', '3D'],
        note: 'AD headsets at the desk',
      });
      set('film', 'f1', { posterUrl: null });
      expect(store.snapshot().films[0]).toMatchObject({ titles: { ms: 'Filem' } });
      expect(store.snapshot().films[0]).not.toHaveProperty('posterUrl');
      set('film', 'f1', { titles: null });
      expect(store.overrides.get('film', 'f1')).toBeUndefined();
    });

    it('takes no overlay on an announcement', () => {
      store.apply([note('u1', { urgent: true })], up);
      expect(() => store.setOverride('announcement', 'u1', OverrideInput.parse({ tags: ['AD'] }))).toThrow(
        expect.objectContaining({
          field: 'tags',
          message:
            'an announcement override takes no tags; it can only hide the announcement or note something',
        }),
      );
    });

    it.each([
      ['film', { label: 'X' }, 'label', 'a film override takes no label; it can set titles, posterUrl'],
      [
        'auditorium',
        { tags: ['AD'] },
        'tags',
        'an auditorium override takes no tags; it can set label, names, features',
      ],
      ['film', { hidden: true }, 'hidden', 'a film cannot be hidden; hide its showtimes instead'],
      [
        'auditorium',
        { cancelled: true },
        'cancelled',
        'only showtimes can be cancelled; an auditorium cannot',
      ],
      [
        'showtime',
        { posterUrl: '/posters/p.png' },
        'posterUrl',
        'a showtime override takes no posterUrl; it can set tags',
      ],
    ] as const)('refuses on a %s override %j', (kind, input, field, message) => {
      const id = { film: 'f1', auditorium: 'a1', showtime: 's1' }[kind];
      expect(() => set(kind, id, input)).toThrow(expect.objectContaining({ field, message }));
    });
  });
});
