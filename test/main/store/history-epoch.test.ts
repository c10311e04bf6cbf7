import Database from 'better-sqlite3';
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyFileOf, readMark } from '../../../main/store/history-mark.ts';
import { EPOCH_KEY } from '../../../main/store/meta.ts';
import { Store, type StoreOptions } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { availability, basics } from './fixtures.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
const stores: Store[] = [];
afterEach(() => {
  stores.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => d.remove());
});

function folder(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

function open(dir: string, options: Partial<StoreOptions> = {}): Store {
  const store = Store.open({ file: join(dir, 'marquee.db'), ...options });
  stores.push(store);
  return store;
}

function close(store: Store): void {
  stores.splice(stores.indexOf(store), 1);
  store.close();
}

function sell(store: Store, n: number): void {
  for (let i = 0; i < n; i++) store.apply([availability('s1', i % 100)]);
}

/** Copies a data folder as it is on disk right now, `files` of it (the database's own, by suffix). */
function copyAsIs(from: string, files: readonly string[]): string {
  const to = folder();
  for (const f of files) {
    const src = join(from, `marquee.db${f}`);
    if (existsSync(src)) copyFileSync(src, join(to, `marquee.db${f}`));
  }
  return to;
}

const mark = (dir: string) => readMark(historyFileOf(join(dir, 'marquee.db')));

describe('the history epoch and its high-water mark', () => {
  it('gives a new database an epoch, reserves ahead while open, and writes the exact seq on a clean close', () => {
    const dir = folder();
    const store = open(dir, { historyReserve: 100 });
    store.apply(basics());
    const { epoch } = store.history;
    expect(epoch).toMatch(/^[0-9a-f]{8}$/);
    expect(store.history.acceptsBareIds).toBe(false);
    expect(mark(dir)).toEqual({ epoch, seq: 100 });
    close(store);
    expect(mark(dir)).toEqual({ epoch, seq: 3 });
    const again = open(dir, { historyReserve: 100 });
    expect(again.history.epoch).toBe(epoch);
    expect(again.historyStarted).toBeUndefined();
    expect(again.snapshot().epoch).toBe(epoch);
    expect(mark(dir)).toEqual({ epoch, seq: 103 });
  });

  it('writes the mark past a seq before anyone hears of it, once per reserve, not once per commit', () => {
    const dir = folder();
    const store = open(dir, { historyReserve: 5 });
    const marks: number[] = [];
    store.onCommit(() => {
      const m = mark(dir)!;
      expect(m.seq).toBeGreaterThanOrEqual(store.seq);
      marks.push(m.seq);
    });
    store.apply(basics());
    sell(store, 20);
    expect(new Set(marks).size).toBeLessThanOrEqual(6);
    expect(store.seq).toBe(23);
  });

  it('starts a new history when the WAL is lost: the database is behind the mark', () => {
    const dir = folder();
    let store = open(dir);
    store.apply(basics());
    close(store);
    store = open(dir);
    const { epoch } = store.history;
    sell(store, 10); // in the WAL only
    expect(store.seq).toBe(13);
    // The main file without its WAL, beside the mark: what a lost WAL leaves.
    const lost = copyAsIs(dir, ['', '.history']);
    const after = open(lost);
    expect(after.seq).toBe(3);
    expect(after.history.epoch).not.toBe(epoch);
    expect(after.historyStarted).toMatch(/database \(seq 3\) is behind the history file/);
    expect(mark(lost)?.epoch).toBe(after.history.epoch);
  });

  it('starts a new history after any unclean stop, since it cannot tell one that lost nothing', () => {
    const dir = folder();
    const store = open(dir);
    store.apply(basics());
    sell(store, 5);
    // Everything on disk, WAL included, as a power cut leaves it.
    const cut = copyAsIs(dir, ['', '-wal', '.history']);
    const after = open(cut);
    expect(after.seq).toBe(8);
    expect(after.history.epoch).not.toBe(store.history.epoch);
  });

  it('starts a new history when the mark is missing, unreadable, older than the database, or of another epoch', () => {
    const dir = folder();
    const store = open(dir);
    store.apply(basics());
    close(store);
    const file = historyFileOf(join(dir, 'marquee.db'));
    const epochs = new Set<string>();
    const reopen = () => {
      const s = open(dir);
      epochs.add(s.history.epoch);
      close(s);
    };
    reopen();
    expect(epochs.size).toBe(1);
    rmSync(file);
    reopen();
    writeFileSync(file, '{"epoch":');
    reopen();
    const current = [...epochs].at(-1)!;
    writeFileSync(file, JSON.stringify({ epoch: current, seq: 1 }));
    reopen();
    writeFileSync(file, JSON.stringify({ epoch: '0badf00d', seq: 3 }));
    reopen();
    expect(epochs.size).toBe(5);
    // Each time the new history is what the database and the mark then agree on.
    const last = open(dir);
    expect(last.history.epoch).toBe([...epochs].at(-1));
  });

  it('lets bare ids name the history of a database from before epochs, until a new history starts', () => {
    const dir = folder();
    const store = open(dir);
    store.apply(basics());
    close(store);
    // What an older Marquee left: no epoch in the database and no mark beside it.
    const db = new Database(join(dir, 'marquee.db'));
    db.prepare('DELETE FROM meta WHERE key = ?').run(EPOCH_KEY);
    db.close();
    rmSync(historyFileOf(join(dir, 'marquee.db')));
    let upgraded = open(dir);
    expect(upgraded.history.acceptsBareIds).toBe(true);
    const { epoch } = upgraded.history;
    close(upgraded);
    upgraded = open(dir);
    expect(upgraded.history).toMatchObject({ epoch, acceptsBareIds: true });
    expect(upgraded.startNewHistory()).not.toBe(epoch);
    expect(upgraded.history.acceptsBareIds).toBe(false);
    close(upgraded);
    expect(open(dir).history.acceptsBareIds).toBe(false);
  });

  it('starts a new history on demand (a restored backup) and keeps it across a clean restart', () => {
    const dir = folder();
    const store = open(dir);
    store.apply(basics());
    const old = store.history.epoch;
    const fresh = store.startNewHistory();
    expect(fresh).not.toBe(old);
    expect(store.history.epoch).toBe(fresh);
    expect(mark(dir)?.epoch).toBe(fresh);
    sell(store, 2);
    close(store);
    expect(open(dir).history.epoch).toBe(fresh);
  });
});
