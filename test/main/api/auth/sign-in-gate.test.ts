import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../../main/api/http-error.ts';
import { SignInGate } from '../../../../main/api/auth/sign-in-gate.ts';

/** A password check the test decides: `right()` or `wrong()`, when it likes. */
function controlled() {
  const checks: { started: boolean; settle: (right: boolean) => void }[] = [];
  const check = () => {
    const entry = { started: true, settle: (_right: boolean) => {} };
    checks.push(entry);
    return new Promise<true | undefined>((resolve) => {
      entry.settle = (right) => resolve(right ? true : undefined);
    });
  };
  return { checks, check };
}

const statusOf = (p: Promise<unknown>) =>
  p.then(
    (v) => (v === undefined ? 'wrong' : 'right'),
    (err: unknown) => (err instanceof HttpError ? err.status : 'crash'),
  );
const tick = () => new Promise((r) => setImmediate(r));

describe('SignInGate', () => {
  it('takes a burst synchronously: one check at a time per address, three waiting, the rest refused at once', async () => {
    const gate = new SignInGate();
    const { checks, check } = controlled();
    const results = Array.from({ length: 10 }, () => statusOf(gate.attempt('10.0.0.1', check)));
    await tick();
    expect(checks).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      checks[i]!.settle(false);
      await tick();
    }
    expect(checks).toHaveLength(4);
    expect(await Promise.all(results)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', ...Array(6).fill(429)]);
  });

  it('counts undecided attempts as wrong, so a burst never passes the free five', async () => {
    let now = 0;
    const gate = new SignInGate({ queuePerAddress: 10 }, () => now);
    const { checks, check } = controlled();
    const results = Array.from({ length: 8 }, () => statusOf(gate.attempt('a', check)));
    for (let i = 0; i < 5; i++) {
      await tick();
      checks[i]?.settle(false);
    }
    expect(await Promise.all(results)).toEqual([...Array(5).fill('wrong'), 429, 429, 429]);
    expect(gate.retryAfter('a')).toBe(15_000);
    now += 15_000;
    expect(gate.retryAfter('a')).toBe(0);
    // The password replaced on the hub machine: old guesses no longer hold anyone back.
    const next = statusOf(gate.attempt('a', check));
    await tick();
    checks[5]!.settle(false);
    expect(await next).toBe('wrong');
    expect(gate.retryAfter('a')).toBe(30_000);
    gate.clear();
    expect(gate.retryAfter('a')).toBe(0);
  });

  it('a right password among waiting ones starts the address afresh', async () => {
    const gate = new SignInGate({ freeAttempts: 2 });
    const { checks, check } = controlled();
    const first = statusOf(gate.attempt('a', check));
    const second = statusOf(gate.attempt('a', check));
    // Two undecided: a third would pass the two free ones if both were wrong.
    expect(await statusOf(gate.attempt('a', check))).toBe(429);
    await tick();
    checks[0]!.settle(true);
    await tick();
    checks[1]!.settle(false);
    expect([await first, await second]).toEqual(['right', 'wrong']);
    expect(gate.retryAfter('a')).toBe(0);
  });

  it('runs at most the hub-wide number of checks at once, and refuses past the waiting room with 503', async () => {
    const gate = new SignInGate({ maxConcurrentHashes: 2, maxWaitingHashes: 2 });
    const { checks, check } = controlled();
    const results = Array.from({ length: 6 }, (_, i) => statusOf(gate.attempt(`addr-${i}`, check)));
    await tick();
    expect(checks).toHaveLength(2);
    expect(gate.slots.running).toBe(2);
    checks[0]!.settle(false);
    await tick();
    expect(checks).toHaveLength(3);
    expect(gate.slots.running).toBe(2);
    for (const c of checks.slice(1)) c.settle(false);
    await tick();
    checks[3]!.settle(false);
    expect(await Promise.all(results)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 503, 503]);
    expect(gate.slots.running).toBe(0);
  });
});
