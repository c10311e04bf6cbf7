import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import { DatabaseOpenError } from '../../../main/store/errors.ts';
import { corruptTables, makeReadOnly } from '../../support/damaged-db.ts';
import { call, signIn } from '../../support/http.ts';
import { SseClient } from '../../support/sse-client.ts';
import { TEST_PASSWORD } from '../../support/test-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { basics } from '../store/fixtures.ts';

/** A data folder with a venue, a password and a remembered screen, closed cleanly. */
async function preparedFolder(): Promise<{ dir: ReturnType<typeof tempDir>; file: string }> {
  const dir = tempDir();
  const hub = await startHub({
    dataDir: dir.path,
    port: 0,
    adminPassword: TEST_PASSWORD,
    log: memoryLogger(),
  });
  hub.store.apply(basics());
  const beat = await call(`${hub.url}/api/displays/heartbeat`, {
    method: 'POST',
    body: {
      displayId: 'lobby',
      role: 'board',
      lastEventId: 1,
      lastFrameAt: new Date().toISOString(),
      url: `${hub.url}/`,
    },
  });
  expect(beat.status).toBe(200);
  const auth = await signIn(hub.url, TEST_PASSWORD);
  expect(
    (
      await call(`${hub.url}/api/admin/auditoriums`, {
        method: 'POST',
        headers: auth,
        body: { name: 'Screen 9', capacity: 9 },
      })
    ).status,
  ).toBe(201);
  await hub.close();
  return { dir, file: join(dir.path, 'marquee.db') };
}

/**
 * Health tells the truth: a damaged or read-only database is found at
 * start-up, the hub starts degraded (serving what still reads, so lobby
 * screens do not go black) with `/api/health` 503 and the reason, and
 * `requireHealthy` refuses to start instead.
 */
describe('health of the database itself', () => {
  let hub: Awaited<ReturnType<typeof startHub>> | undefined;
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    for (const c of cleanups.splice(0)) c();
  });

  it('a damaged file: starts degraded, screens still get the venue, health 503 says why', async () => {
    const { dir, file } = await preparedFolder();
    cleanups.push(() => dir.remove());
    corruptTables(file, ['audit_log', 'displays']);
    const log = memoryLogger();
    hub = await startHub({ dataDir: dir.path, port: 0, log });
    // Screens get a snapshot at once; the check that reads every page follows a second later.
    expect((await call(`${hub.url}/api/snapshot`)).status).toBe(200);
    expect(await hub.integrityChecked).toMatch(/^the database failed its integrity check at start-up/);
    expect(log.lines.some((l) => l.includes('serving degraded'))).toBe(true);

    const health = await call<{ status: string; databaseProblems: string[] }>(`${hub.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.body.status).toBe('degraded');
    expect(health.body.databaseProblems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('the database failed its integrity check at start-up'),
        'reading the screens failed: the database file is damaged',
      ]),
    );
    const snapshot = await call<{ films: unknown[] }>(`${hub.url}/api/snapshot`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.films).toHaveLength(1);
    const screen = await SseClient.connect(`${hub.url}/events`);
    await screen.count(1);
    expect(screen.events[0]?.event).toBe('snapshot');
    screen.close();
    // A read of the damaged part answers 503 with the reason, and health names it too.
    const auth = await signIn(hub.url, TEST_PASSWORD);
    const audit = await call(`${hub.url}/api/admin/audit`, { headers: auth });
    expect(audit.status).toBe(503);
    expect(audit.body['error']).toBe('reading the audit log failed: the database file is damaged');
    expect(
      (await call<{ databaseProblems: string[] }>(`${hub.url}/api/health`)).body.databaseProblems,
    ).toContain('reading the audit log failed: the database file is damaged');
  }, 60_000);

  it('a damaged file with requireHealthy: refuses to start, saying why', async () => {
    const { dir, file } = await preparedFolder();
    cleanups.push(() => dir.remove());
    corruptTables(file, ['audit_log']);
    const start = startHub({ dataDir: dir.path, port: 0, requireHealthy: true, log: memoryLogger() });
    await expect(start).rejects.toBeInstanceOf(DatabaseOpenError);
    await expect(start).rejects.toThrow(
      /^not starting \(--require-healthy\): the database failed its integrity check at start-up/,
    );
  }, 60_000);

  it('a read-only file: health says so from the start, sign-in and reads work, writes get 503', async (t) => {
    const { dir, file } = await preparedFolder();
    cleanups.push(() => dir.remove());
    const undo = makeReadOnly(file);
    if (!undo) return t.skip('this machine cannot make a file read-only for root (no chattr)');
    cleanups.unshift(undo);
    hub = await startHub({ dataDir: dir.path, port: 0, adminPassword: TEST_PASSWORD, log: memoryLogger() });
    const health = await call(`${hub.url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.body['databaseProblem']).toBe('the database is read-only');
    const auth = await signIn(hub.url, TEST_PASSWORD);
    expect((await call(`${hub.url}/api/admin/state`, { headers: auth })).status).toBe(200);
    expect((await call(`${hub.url}/api/snapshot`)).status).toBe(200);
    const write = await call(`${hub.url}/api/admin/auditoriums`, {
      method: 'POST',
      headers: auth,
      body: { name: 'Screen 10', capacity: 9 },
    });
    expect(write.status).toBe(503);
    expect(write.body['error']).toContain('the database is read-only');
    await hub.close();
    hub = undefined;
    await expect(
      startHub({ dataDir: dir.path, port: 0, requireHealthy: true, log: memoryLogger() }),
    ).rejects.toThrow(/not starting \(--require-healthy\): the database is read-only/);
  }, 60_000);

  it('logs that MARQUEE_ADMIN_PASSWORD is ignored once a password is set, and keeps the password', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    await (
      await startHub({ dataDir: dir.path, port: 0, adminPassword: TEST_PASSWORD, log: memoryLogger() })
    ).close();
    const log = memoryLogger();
    hub = await startHub({ dataDir: dir.path, port: 0, adminPassword: 'another password entirely', log });
    expect(
      log.lines.some((l) => l.includes('MARQUEE_ADMIN_PASSWORD ignored: a password is already set')),
    ).toBe(true);
    await signIn(hub.url, TEST_PASSWORD);
  }, 60_000);
});
