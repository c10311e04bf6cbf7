import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../main/api/auth/rate-limiter.ts';

describe('RateLimiter', () => {
  it('blocks after the limit within the window and frees up as failures age out', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, 100, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('a')).toBe(0);
      limiter.fail('a');
      now += 100;
    }
    expect(limiter.retryAfter('a')).toBe(700);
    expect(limiter.retryAfter('b')).toBe(0);
    now = 1001;
    expect(limiter.retryAfter('a')).toBe(0);
  });

  it('forgets the oldest address past its memory bound', () => {
    const limiter = new RateLimiter(1, 60_000, 2, () => 0);
    limiter.fail('a');
    limiter.fail('b');
    limiter.fail('c');
    expect(limiter.retryAfter('a')).toBe(0);
    expect(limiter.retryAfter('c')).toBeGreaterThan(0);
  });

  it('resets on success', () => {
    const limiter = new RateLimiter(1, 60_000, 10, () => 0);
    limiter.fail('a');
    limiter.reset('a');
    expect(limiter.retryAfter('a')).toBe(0);
  });
});
