import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../main/api/auth/password.ts';
import { hashSecret } from '../../../main/api/auth/tokens.ts';
import { migrate } from '../../../main/store/migrate.ts';
import { migrations } from '../../../main/store/migrations/index.ts';
import { staffAccounts } from '../../../main/store/migrations/005-staff-accounts.ts';
import { call, signIn } from '../../support/http.ts';
import { startTestHub, type TestHub } from '../../support/test-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';

const OLD_PASSWORD = 'the one shared password';

/** A data folder at schema 4 (one shared password), with one signed-in session. */
async function sharedPasswordFolder(dir: string): Promise<{ cookie: string; csrf: string }> {
  const db = new Database(join(dir, 'marquee.db'));
  migrate(db, migrations.slice(0, staffAccounts.version - 1));
  db.prepare("INSERT INTO meta (key, value) VALUES ('admin.passwordHash', ?)").run(
    await hashPassword(OLD_PASSWORD),
  );
  const token = 'a'.repeat(43);
  db.prepare('INSERT INTO sessions (token_hash, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    hashSecret(token),
    'csrf-of-the-old-session',
    Date.now(),
    Date.now() + 3_600_000,
  );
  db.close();
  return { cookie: `marquee_session=${token}`, csrf: 'csrf-of-the-old-session' };
}

describe('migration 5 (staff accounts) from one shared password', () => {
  let hub: TestHub | undefined;
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    dir.remove();
  });

  it('turns the password into the manager "admin": it still signs in, with or without the name, and old sessions stay signed in', async () => {
    const old = await sharedPasswordFolder(dir.path);
    hub = await startTestHub({ dataDir: dir.path });
    expect(hub.store.staff.list()).toEqual([expect.objectContaining({ name: 'admin', role: 'manager' })]);
    expect(hub.store.meta.get('admin.passwordHash')).toBeUndefined();
    const session = await call<{ staff: { name: string } }>(`${hub.url}/api/admin/session`, {
      headers: { Cookie: old.cookie },
    });
    expect([session.status, session.body.staff.name]).toEqual([200, 'admin']);
    await signIn(hub.url, OLD_PASSWORD);
    const named = await signIn(hub.url, OLD_PASSWORD, 'Admin');
    const audit = await call<{ entries: unknown[] }>(`${hub.url}/api/admin/audit`, { headers: named });
    expect(audit.status).toBe(200);
  }, 60_000);

  it('leaves a hub that never had a password without an account, for first-run set-up', async () => {
    const db = new Database(join(dir.path, 'marquee.db'));
    migrate(db, migrations.slice(0, staffAccounts.version - 1));
    db.close();
    hub = await startTestHub({ dataDir: dir.path });
    expect(hub.store.staff.any()).toBe(false);
    expect((await call(`${hub.url}/api/admin/auth-state`)).body).toEqual({
      passwordSet: false,
      setupAllowed: true,
    });
  });
});
