import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Actor } from '../../../main/domain/audit.ts';
import { BatchRejectedError, InvalidChangeError, VersionConflictError } from '../../../main/store/errors.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { auditorium, basics, film, showtime } from './fixtures.ts';
import { AuditLog } from '../../../main/store/audit-log.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

const actor: Actor = { kind: 'session', id: 's-test', name: 'staff' };
const audit = (action: string) => ({ actor, action, summary: action });

describe('Store: staff writes', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  const now = Date.parse('2029-12-31T00:00:00Z');
  const dump = () =>
    JSON.stringify(
      ['showtimes', 'events', 'audit_log', 'overrides'].map((t) =>
        rawDatabase(store).prepare(`SELECT * FROM ${t}`).all(),
      ),
    );

  beforeEach(() => {
    dir = tempDir();
    store = Store.open({ file: join(dir.path, 'marquee.db'), now: () => now });
    store.apply(basics()); // s1: f1 (100 min) in a1 at 2030-01-01T19:00Z
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  it('with checkVersions, an upsert without a version only creates', () => {
    expect(() => store.apply([auditorium('a1', 50)], { checkVersions: true })).toThrow(VersionConflictError);
    expect(store.apply([auditorium('a2', 50)], { checkVersions: true })).toHaveLength(1);
  });

  it('reports every failing change of a batch, applies none, and tells no listener', () => {
    let heard = 0;
    store.onCommit(() => heard++);
    const before = dump();
    const at = (t: string) => ({ startsAt: t });
    let caught: unknown;
    try {
      store.apply(
        [
          showtime('n1', at('2030-01-01T20:30:00Z')), // clashes with s1 (until 20:55)
          showtime('n2', at('2030-01-02T10:00:00Z')), // fine
          showtime('n3', at('2030-01-02T11:00:00Z')), // clashes with n2, which is in the same batch
          showtime('n4', at('2029-12-30T10:00:00Z')), // in the past
        ],
        { schedule: {}, reportAll: true, audit: audit('batch') },
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BatchRejectedError);
    const failures = (caught as BatchRejectedError).failures;
    expect(failures.map((f) => [f.index, f.error.field])).toEqual([
      [0, 'startsAt'],
      [2, 'startsAt'],
      [3, 'startsAt'],
    ]);
    expect(failures[1]!.error.message).toContain('(n2)');
    expect(dump()).toBe(before);
    expect(heard).toBe(0);
  });

  it('rolls a dry run back and returns what would have been logged', () => {
    let heard = 0;
    store.onCommit(() => heard++);
    const before = dump();
    const seq = store.seq;
    const events = store.apply([showtime('n2', { startsAt: '2030-01-02T10:00:00Z' })], {
      dryRun: true,
      schedule: {},
      audit: audit('dry'),
    });
    expect(events.map((e) => [e.seq, e.type])).toEqual([[seq + 1, 'showtime.upsert']]);
    expect(store.seq).toBe(seq);
    expect(dump()).toBe(before);
    expect(heard).toBe(0);
    // The next real write takes the number the dry run did not keep.
    expect(store.apply([showtime('n2', { startsAt: '2030-01-02T10:00:00Z' })])[0]?.seq).toBe(seq + 1);
  });

  it('writes the audit entry in the same transaction as the change, with the fields that moved', () => {
    store.apply([film('f1', 'Renamed')], { audit: audit('film.update') });
    expect(() => store.apply([showtime('bad', { filmId: 'nope' })], { audit: audit('fails') })).toThrow();
    const entries = store.audit.page(10);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'film.update',
      actor,
      targets: [{ type: 'film', id: 'f1', change: 'updated', fields: { title: ['A Film', 'Renamed'] } }],
      seqFrom: store.seq,
      seqTo: store.seq,
    });
    // A write that changes nothing is not audited.
    store.apply([film('f1', 'Renamed')], { audit: audit('noop') });
    expect(store.audit.page(10)).toHaveLength(1);
  });

  it('moves a show only where it fits, but lets a seat-only edit through an old clash', () => {
    // A clash that predates the rule (e.g. from the feed) does not block unrelated edits.
    store.apply([showtime('old', { startsAt: '2030-01-01T19:30:00Z' })]);
    const seatsOnly = showtime('old', { startsAt: '2030-01-01T19:30:00Z', seatsAvailable: 10 });
    expect(store.apply([seatsOnly], { schedule: {} })).toHaveLength(1);
    expect(() =>
      store.apply([showtime('old', { startsAt: '2030-01-01T19:45:00Z' })], { schedule: {} }),
    ).toThrow(InvalidChangeError);
  });

  it('caps the audit log, dropping the oldest entries', () => {
    for (let i = 0; i < 5; i++) store.apply([auditorium(`x${i}`)], { audit: audit(`a${i}`) });
    const capped = new AuditLog(rawDatabase(store), Date.now, 3);
    rawDatabase(store).transaction(() =>
      capped.append({ at: now, actor, action: 'a5', summary: '', targets: [], seqs: [] }),
    )();
    expect(capped.page(10).map((e) => e.action)).toEqual(['a5', 'a4', 'a3']);
  });
});
