import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { type ResetPasswordIo, resetPassword } from '../../../main/cli/reset-password.ts';
import { CommandError, UsageError } from '../../../main/cli/flags.ts';
import { DatabaseOpenError } from '../../../main/store/errors.ts';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, type TestHub, startTestHub } from '../../support/test-hub.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { raw } from '../api/security-support.ts';

const NEW_PASSWORD = 'a fresh start for the admin';

function io(env: NodeJS.ProcessEnv, stdin = ''): ResetPasswordIo & { lines: string[] } {
  const lines: string[] = [];
  return { env, stdin: Readable.from([stdin]), out: (l) => lines.push(l), prompt: () => {}, lines };
}

/** `marquee reset-password`: the way back in, run on the hub machine while the hub runs. */
describe('marquee reset-password', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  const login = (password: string) =>
    raw(`${hub!.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password }),
    });

  it('replaces the password under a running hub, signs its sessions out and lifts the sign-in delay', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    const staff = await signIn(hub.url, TEST_PASSWORD);
    // Someone at this address guessed until it is held back.
    for (let i = 0; i < 5; i++) expect((await login(`a wrong guess ${i}`)).status).toBe(401);
    expect((await login(TEST_PASSWORD)).status).toBe(429);

    const run = io({ MARQUEE_ADMIN_PASSWORD: NEW_PASSWORD });
    await resetPassword(['--data', hub.dataDir], run);
    expect(run.lines).toEqual([
      `Password of "admin" reset in ${join(hub.dataDir, 'marquee.db')}; 1 session signed out. Sign in with the new password.`,
    ]);
    expect((await call(`${hub.url}/api/admin/session`, { headers: staff })).status).toBe(401);
    expect((await login(TEST_PASSWORD)).status).toBe(401);
    const fresh = await signIn(hub.url, NEW_PASSWORD);
    const audit = await call<{ entries: { action: string; actor: { kind: string; name: string } }[] }>(
      `${hub.url}/api/admin/audit`,
      { headers: fresh },
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'password.reset',
      actor: { kind: 'system', name: 'marquee reset-password' },
    });
  }, 60_000);

  it('reads the password from standard input when MARQUEE_ADMIN_PASSWORD is not set', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    const run = io({}, `${NEW_PASSWORD}\nignored second line\n`);
    await resetPassword(['--data', hub.dataDir, '--user', 'admin'], run);
    expect(run.lines[0]).toContain('0 sessions signed out');
    await signIn(hub.url, NEW_PASSWORD);
  }, 60_000);

  it('refuses clearly and changes nothing: no database, an empty file, a weak password, a bad name, a flag', async () => {
    const dir = tempDir();
    try {
      const env = { MARQUEE_ADMIN_PASSWORD: NEW_PASSWORD };
      await expect(resetPassword(['--data', dir.path], io(env))).rejects.toThrow(DatabaseOpenError);
      // Nothing was created in its place.
      expect(existsSync(join(dir.path, 'marquee.db'))).toBe(false);
      writeFileSync(join(dir.path, 'marquee.db'), '');
      await expect(resetPassword(['--data', dir.path], io(env))).rejects.toThrow(/empty \(0 bytes\)/);
      await expect(
        resetPassword(['--data', dir.path], io({ MARQUEE_ADMIN_PASSWORD: 'short' })),
      ).rejects.toThrow(new CommandError('the new password must be at least 10 characters; nothing changed'));
      await expect(resetPassword(['--data', dir.path], io({}, ''))).rejects.toThrow(/no new password/);
      await expect(resetPassword(['--data', dir.path, '--user', '!bob'], io(env))).rejects.toThrow(
        UsageError,
      );
      await expect(resetPassword(['--data', dir.path, '--password', 'x'], io(env))).rejects.toThrow(
        UsageError,
      );
      await expect(resetPassword([], io(env))).rejects.toThrow(/--data: is required/);
    } finally {
      dir.remove();
    }
  });
});

describe('marquee reset-password --user', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.stop();
    hub = undefined;
  });

  it('resets the named account only, and refuses a name with no account, naming those there are', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    const manager = await signIn(hub.url, TEST_PASSWORD);
    const made = await call(`${hub.url}/api/admin/staff`, {
      method: 'POST',
      headers: manager,
      body: { name: 'Maya', role: 'box_office', password: 'box office on friday' },
    });
    expect(made.status).toBe(201);
    const maya = await signIn(hub.url, 'box office on friday', 'Maya');

    const run = io({ MARQUEE_ADMIN_PASSWORD: NEW_PASSWORD });
    await resetPassword(['--data', hub.dataDir, '--user', 'maya'], run);
    expect(run.lines[0]).toMatch(/^Password of "Maya" reset in .*; 1 session signed out\./);
    expect((await call(`${hub.url}/api/admin/session`, { headers: maya })).status).toBe(401);
    expect((await call(`${hub.url}/api/admin/session`, { headers: manager })).status).toBe(200);
    await signIn(hub.url, NEW_PASSWORD, 'Maya');
    await signIn(hub.url, TEST_PASSWORD);

    await expect(
      resetPassword(['--data', hub.dataDir, '--user', 'Bob'], io({ MARQUEE_ADMIN_PASSWORD: NEW_PASSWORD })),
    ).rejects.toThrow(
      new CommandError('no staff account is called "Bob"; the accounts are "admin", "Maya"; nothing changed'),
    );
  }, 60_000);
});
