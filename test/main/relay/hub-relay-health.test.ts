import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Health } from '../../../main/domain/status.ts';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import { call } from '../../support/http.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { SNAPSHOT, WORLD } from './support/relay-harness.ts';
import { TestUpstream, frame, status, stream, until } from './support/test-upstream.ts';

/** `/api/health` tells the truth about the relay: running or not, and what it could not apply. */
describe('hub health and its relay', () => {
  let upstream: TestUpstream;
  let dir: ReturnType<typeof tempDir>;
  let hub: Hub | undefined;

  beforeEach(async () => {
    upstream = await TestUpstream.start();
    dir = tempDir();
  });
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
    dir.remove();
    await upstream.close();
  });

  const open = async (maxEventBytes?: number) => {
    hub = await startHub({
      dataDir: dir.path,
      port: 0,
      log: memoryLogger(),
      upstream: { url: upstream.url, ...(maxEventBytes && { maxEventBytes }) },
    });
    return hub;
  };
  const health = async () => {
    const res = await call(`${hub!.url}/api/health`);
    return { status: res.status, body: Health.parse(res.body) };
  };

  it('says the relay runs while it follows the feed', async () => {
    upstream.fallback = stream(SNAPSHOT);
    await open();
    await until(() => hub!.status().upstream === 'live', 'live');
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', relay: { running: true } } });
  });

  it('is degraded (503) once the relay stopped for good, and says why', async () => {
    upstream.fallback = status(204);
    await open();
    await until(() => hub!.status().upstream === 'offline', 'offline');
    expect(await health()).toMatchObject({
      status: 503,
      body: {
        status: 'degraded',
        database: 'ok',
        upstream: 'offline',
        relay: { running: false, problem: expect.stringContaining('204') as string },
      },
    });
  });

  it('reports a snapshot too large to apply, with its size and the limit', async () => {
    const films = Array.from({ length: 20 }, (_, i) => ({
      ...WORLD.films[0],
      id: `uf${i}`,
      title: 'x'.repeat(200),
    }));
    const big = frame('snapshot', { ...WORLD, films }, 10);
    upstream.fallback = stream(big);
    await open(4_096);
    await until(() => upstream.requests.length >= 1 && hub!.status().upstream === 'reconnecting', 'cut off');
    const { status: code, body } = await health();
    expect(code).toBe(200);
    expect(body.relay?.tooLarge).toMatchObject({ event: 'snapshot', complete: true, limitBytes: 4_096 });
    expect(body.relay!.tooLarge!.bytes).toBeGreaterThan(Buffer.byteLength(big) - 30);
    expect(hub!.store.records.films.all()).toEqual([]);
  });
});
