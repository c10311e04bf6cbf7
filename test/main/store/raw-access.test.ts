import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../main/paths.ts';
import { Store } from '../../../main/store/store.ts';
import { tempDir } from '../../support/temp-dir.ts';

const main = join(packageRoot(), 'main');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** The database belongs to the store alone: no handle on the object, no way round it in main/. */
describe('the store keeps its database to itself', () => {
  it('exposes no connection', () => {
    const dir = tempDir();
    const store = Store.open({ file: join(dir.path, 'marquee.db') });
    try {
      expect(Object.keys(store)).not.toContain('db');
      expect('db' in store).toBe(false);
    } finally {
      store.close();
      dir.remove();
    }
  });

  it('lets only tests reach the connection: nothing in main/ but the store imports raw-access', () => {
    const importers = sources(main)
      .filter((f) => /from '[^']*raw-access\.ts'/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(main, f));
    expect(importers).toEqual(['store/store.ts']);
  });

  it('is the only part of main/ that runs SQL or opens a transaction', () => {
    const outside = sources(main)
      .filter((f) => !relative(main, f).startsWith('store/'))
      .filter((f) => /\.(prepare|transaction|pragma)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(main, f));
    expect(outside).toEqual([]);
  });
});
