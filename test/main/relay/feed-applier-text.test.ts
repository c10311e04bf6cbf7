import { describe, expect, it } from 'vitest';
import { applierHarness, baseline, snapshot, up } from './support/applier-harness.ts';

/** JSON with a lone surrogate escaped, as a feed can send it (raw UTF-8 cannot carry one). */
const withLoneSurrogate = (data: unknown) => JSON.stringify(data).replace('LONE', '\\ud800');

/**
 * The upstream cannot put on screen what the admin API refuses
 * (main/domain/text-safety.ts): broken Unicode and bidirectional controls.
 */
describe('FeedApplier: text a screen should not show', () => {
  const h = applierHarness();

  it('leaves out a snapshot record with a lone surrogate, so the same snapshot again changes nothing', () => {
    const films = [up.film('uf1', 'Tidewater LONE'), up.film('uf2')];
    const snap = () => withLoneSurrogate({ ...baseline(), films });
    h.send('snapshot', snap(), '1');
    const before = h.store.seq;
    // Stored as UTF-8, the lone surrogate would become U+FFFD: then every snapshot differs
    // from what is held, re-saves the film and sends it to every screen.
    h.send('snapshot', snap(), '2');
    h.send('snapshot', snap(), '3');
    expect(h.logged(before)).toEqual([]);
    expect(h.store.records.films.get('uf1')).toBeUndefined();
    expect(h.store.snapshot().showtimes.map((s) => s.id)).toEqual(['us2']);
    expect(
      h.lines().some((l) => String(l['problem']).startsWith('film uf1: title: contains broken Unicode')),
    ).toBe(true);
    expect(h.lastId()).toBe('3');
  });

  it('keeps the held copy of a record the feed now sends with bidirectional controls', () => {
    h.send('snapshot', baseline(), '1');
    const spoofed = { ...up.ann('un1'), text: 'Doors open \u202Eno sgnineve' };
    h.send('snapshot', { ...baseline(), announcements: [spoofed] }, '2');
    expect(h.store.records.announcements.get('un1')?.text).toBe('Note un1');
    expect(h.lines().map((l) => l['problem'])).toContain(
      'announcement un1: text: must not contain bidirectional control characters',
    );
  });

  it('checks the keys and values of localized texts, and the venue', () => {
    h.send('snapshot', baseline(), '1');
    const before = h.store.seq;
    h.send('snapshot', { ...baseline(), venue: { ...up.venue(), name: 'Central \u2066Plaza' } }, '2');
    h.send('film.upsert', { ...up.film('uf1'), titles: { 'fr\u202E': 'Marée' } }, '3');
    h.applier.flush();
    expect(h.logged(before)).toEqual([]);
    expect(h.store.venue().name).toBe('Central');
    expect(h.store.records.films.get('uf1')?.titles).toBeUndefined();
  });

  it('skips a delta with broken or bidirectional text, logs why, and moves the id on', () => {
    h.send('snapshot', baseline(), '100');
    h.send('film.upsert', withLoneSurrogate(up.film('uf1', 'LONE')), '101');
    h.send('announcement.upsert', { ...up.ann('un1'), text: 'Sale \u202Dnow' }, '102');
    h.send('venue', { ...up.venue(), name: '\u2067Central' }, '103');
    h.send('film.upsert', up.film('uf2', 'Tidewater'), '104');
    h.applier.flush();
    expect(h.store.records.films.get('uf1')?.title).toBe('Film uf1');
    expect(h.store.records.films.get('uf2')?.title).toBe('Tidewater');
    expect(h.store.records.announcements.get('un1')?.text).toBe('Note un1');
    expect(h.store.venue().name).toBe('Central');
    expect(h.lastId()).toBe('104');
    const skipped = h.lines().filter((l) => l['message'] === 'upstream event skipped');
    expect(skipped.map((l) => [l['id'], l['reason']])).toEqual([
      ['101', 'title: contains broken Unicode'],
      ['102', 'text: must not contain bidirectional control characters'],
      ['103', 'name: must not contain bidirectional control characters'],
    ]);
  });

  it('lets directional marks through: right-to-left titles need them', () => {
    h.send('snapshot', snapshot({ films: [up.film('uf1', '\u200Fמגדלור\u200E 2')] }), '1');
    expect(h.store.records.films.get('uf1')?.title).toBe('\u200Fמגדלור\u200E 2');
  });
});
