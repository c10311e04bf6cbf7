import { describe, expect, it } from 'vitest';
import { CommitBatcher } from '../../../main/relay/commit-batcher.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('CommitBatcher', () => {
  const make = (options: ConstructorParameters<typeof CommitBatcher>[2] = {}) => {
    const commits: number[] = [];
    const errors: unknown[] = [];
    let pending = 0;
    let fail: Error | undefined;
    const batcher = new CommitBatcher(
      () => {
        if (fail) throw fail;
        commits.push(pending);
        pending = 0;
      },
      (err) => errors.push(err),
      options,
    );
    const queue = (n: number) => {
      pending += n;
      batcher.queued(n);
    };
    return { batcher, commits, errors, queue, failWith: (e: Error) => (fail = e) };
  };

  it('commits once after the chunks of this turn, however many there were', async () => {
    const t = make();
    for (let i = 0; i < 30; i++) t.queue(1);
    expect(t.commits).toEqual([]);
    await turn();
    expect(t.commits).toEqual([30]);
    await turn();
    expect(t.commits).toEqual([30]);
  });

  it('commits at once when the batch reaches maxEvents', () => {
    const t = make({ maxEvents: 10 });
    for (let i = 0; i < 25; i++) t.queue(1);
    expect(t.commits).toEqual([10, 10]);
    expect(t.batcher.pending).toBe(5);
  });

  it('commits at once when the first event waited maxDelayMs', () => {
    let now = 0;
    const t = make({ maxDelayMs: 25, now: () => now });
    t.queue(3);
    now = 24;
    t.queue(1);
    expect(t.commits).toEqual([]);
    now = 25;
    t.queue(1);
    expect(t.commits).toEqual([5]);
  });

  it('hands a failing later commit to onError; one inside queued or flush throws', async () => {
    const t = make({ maxEvents: 5 });
    t.failWith(new Error('disk I/O error'));
    t.queue(1);
    await turn();
    expect(t.errors).toEqual([new Error('disk I/O error')]);
    expect(() => t.queue(5)).toThrow('disk I/O error');
  });

  it('commits nothing once cancelled, and nothing for no events', async () => {
    const t = make();
    t.queue(0);
    t.queue(2);
    t.batcher.cancel();
    await turn();
    expect(t.commits).toEqual([]);
    t.batcher.flush();
    expect(t.commits).toEqual([2]);
    t.batcher.flush();
    expect(t.commits).toEqual([2]);
  });
});
