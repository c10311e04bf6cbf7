import { afterEach, describe, expect, it } from 'vitest';
import { rawDatabase } from '../../../main/store/raw-access.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import { type RawResponse, raw } from './security-support.ts';

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * Guessing the password. Five wrong tries per client address are free; each
 * further one waits 15 s, doubling up to 5 minutes, even for the right
 * password. Attempts are counted before the password is hashed, so a burst
 * sent at once is held to the same count, and the change-password form
 * shares the limit.
 */
describe('password guessing', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let clock = Date.now();
  afterEach(() => hub.stop());

  const login = (password: string, from = '127.0.0.1') =>
    raw(`${hub.url}/api/admin/login`, { ...json({ password }), localAddress: from });
  const retryAfter = (r: RawResponse) => Number(r.headers['retry-after']);
  /** Answers that needed a password check: the ones a guesser learns from. */
  const checked = (answers: RawResponse[]) => answers.filter((a) => a.status === 200 || a.status === 401);

  it('delays an address more with each miss past five, never locks it, and leaves other addresses alone', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD, auth: { now: () => clock } });
    for (let i = 0; i < 5; i++) expect((await login(`guess number ${i}`)).status).toBe(401);
    const held = await login(TEST_PASSWORD);
    expect(held.status).toBe(429);
    expect(retryAfter(held)).toBe(15);
    // Tries while waiting are not checked and do not make the wait longer.
    for (let i = 0; i < 5; i++) expect((await login(`guess ${i}`)).status).toBe(429);
    clock += 10_000;
    expect(retryAfter(await login(TEST_PASSWORD))).toBe(5);
    // Staff at another machine are not held at all.
    expect((await login(TEST_PASSWORD, '127.0.0.2')).status).toBe(200);

    // Each further miss doubles the wait, up to five minutes.
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      clock += 5 * 60_000;
      expect((await login(`another guess ${i}`)).status).toBe(401);
      waits.push(retryAfter(await login(TEST_PASSWORD)));
    }
    expect(waits).toEqual([30, 60, 120, 240, 300, 300]);
    // Once the wait is over the right password gets in, and the address starts afresh.
    clock += 5 * 60_000;
    expect((await login(TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(`fresh guess ${i}`)).status).toBe(401);
    expect((await login(TEST_PASSWORD)).status).toBe(429);
    // An hour without a miss forgets them.
    clock += 60 * 60_000;
    expect((await login(TEST_PASSWORD)).status).toBe(200);
  }, 120_000);

  it('counts 40 guesses sent at once before checking any, so no more than five are checked', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD, auth: { now: () => clock } });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`parallel guess ${i}`)));
    expect(checked(answers).length).toBeLessThanOrEqual(5);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.every((a) => retryAfter(a) > 0)).toBe(true);
    // Every guess that was checked counted: five of them and the address waits.
    const after = await login(TEST_PASSWORD);
    expect(after.status).toBe(checked(answers).length === 5 ? 429 : 200);
  }, 60_000);

  it('gives no session for the right password sent in a burst behind 29 wrong ones, past the limit', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD, auth: { now: () => clock } });
    const wrong = Array.from({ length: 29 }, (_, i) => login(`burst guess ${i}`));
    const right = login(TEST_PASSWORD);
    const answers = await Promise.all([...wrong, right]);
    // At most five passwords were checked; a session only if the right one was among them.
    expect(checked(answers).length).toBeLessThanOrEqual(5);
    const sessions = answers.filter((a) => a.status === 200);
    expect(sessions.length).toBeLessThanOrEqual(1);
    const sessionRows = rawDatabase(hub.store).prepare('SELECT count(*) FROM sessions').pluck().get();
    expect(sessionRows).toBe(sessions.length);
  }, 60_000);

  it('holds the change-password form to the same count, before checking', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD, auth: { now: () => clock } });
    const signedIn = await login(TEST_PASSWORD);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const csrf = (JSON.parse(signedIn.body) as { csrfToken: string }).csrfToken;
    const change = (current: string) =>
      raw(`${hub.url}/api/admin/password`, {
        ...json({ currentPassword: current, newPassword: 'a brand new password' }),
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      });
    const hash = hub.store.staff.passwordStamp();
    const answers = await Promise.all([
      ...Array.from({ length: 19 }, (_, i) => change(`guess number ${i}`)),
      change(TEST_PASSWORD),
    ]);
    const tried = answers.filter((a) => a.status === 200 || a.status === 403);
    expect(tried.length).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(15);
    if (!answers.some((a) => a.status === 200)) {
      expect(hub.store.staff.passwordStamp()).toBe(hash);
      // The password did not change: the old one still signs in elsewhere.
      expect((await login(TEST_PASSWORD, '127.0.0.3')).status).toBe(200);
    }
  }, 60_000);

  it('lets a few requests of one address wait their turn: clerks behind one NAT sign in together', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    const answers = await Promise.all([login(TEST_PASSWORD), login(TEST_PASSWORD), login(TEST_PASSWORD)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  }, 60_000);

  it('refuses with 503 before hashing once the hub-wide checks and their waiting room are full', async () => {
    hub = await startTestHub({
      adminPassword: TEST_PASSWORD,
      auth: { limits: { maxConcurrentHashes: 1, maxWaitingHashes: 1 } },
    });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => login(`guess from afar ${i}`, `127.0.2.${i + 1}`)),
    );
    expect(checked(answers)).toHaveLength(2);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy).toHaveLength(4);
    expect(busy.every((a) => retryAfter(a) > 0)).toBe(true);
    // Once they are done the hub checks again.
    expect((await login(TEST_PASSWORD, '127.0.2.9')).status).toBe(200);
  }, 60_000);
});
