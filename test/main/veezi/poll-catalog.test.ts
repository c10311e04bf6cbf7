import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Health } from '../../../main/domain/status.ts';
import { type Hub, startHub } from '../../../main/hub.ts';
import { memoryLogger } from '../../../main/log.ts';
import type { VeeziSimServer } from '../../../main/veezi-sim/server.ts';
import { call } from '../../support/http.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { closeOnFakeClock, fakePollClock } from './support/fake-clock-hub.ts';
import { SimHarness } from '../../support/veezi-sim.ts';

/*
 * The simulator behind a small rewriting proxy (real HTTP both ways), to give
 * the hub answers the simulator never gives: a zone nobody knows, a film list
 * that lacks a film its sessions name.
 */

const START = Date.parse('2026-10-02T08:00:00Z');
const POLL_MS = 5_000;

type Rewrite = (path: string, json: unknown) => unknown;

async function rewritingProxy(
  sim: VeeziSimServer,
  rewrite: () => Rewrite,
): Promise<Server & { url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const answer = await fetch(sim.url + req.url, {
        headers: { VeeziAccessToken: String(req.headers['veeziaccesstoken'] ?? '') },
      });
      const text = await answer.text();
      const body = answer.status === 200 ? JSON.stringify(rewrite()(req.url ?? '', JSON.parse(text))) : text;
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

describe('following Veezi: the catalogue', () => {
  let harness: SimHarness;
  let proxy: Server & { url: string };
  let rewrite: Rewrite;
  let dir: ReturnType<typeof tempDir>;
  let hub: Hub | undefined;

  beforeEach(async () => {
    fakePollClock();
    harness = new SimHarness(START);
    rewrite = (_path, json) => json;
    proxy = await rewritingProxy(await harness.start(), () => rewrite);
    dir = tempDir();
  });
  afterEach(async () => {
    await closeOnFakeClock(hub);
    hub = undefined;
    await new Promise((resolve) => proxy.close(resolve));
    await harness.closeAll();
    dir.remove();
  });

  const open = async () => {
    hub = await startHub({
      dataDir: dir.path,
      port: 0,
      log: memoryLogger(),
      veezi: { url: proxy.url, token: 'veezi-sim', pollMs: POLL_MS },
    });
  };
  const poll = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    await hub!.veezi!.settled();
  };

  it('keeps the configured zone for one it cannot read, and says so in health', async () => {
    rewrite = (path, json) =>
      path === '/v1/site' ? { ...(json as object), TimeZoneIdentifier: 'Cinema Standard Time' } : json;
    await open();
    const configured = hub!.store.venue().timezone;
    await poll(0);
    expect(hub!.status().upstream).toBe('live');
    expect(hub!.store.venue()).toMatchObject({ name: 'Paragon Picture House', timezone: configured });
    const health = Health.parse((await call(`${hub!.url}/api/health`)).body);
    expect(health.relay?.zoneProblem).toMatch(/unknown time zone "Cinema Standard Time"/);
  });

  it('fetches the catalogue again at once when a session names a film it lacks', async () => {
    const films = (await (
      await fetch(`${proxy.url}/v4/film`, { headers: { VeeziAccessToken: 'veezi-sim' } })
    ).json()) as { Id: string }[];
    const hidden = films[0]!.Id;
    // First catalogue without that film; its sessions are left out.
    rewrite = (path, json) =>
      path === '/v4/film' ? (json as { Id: string }[]).filter((f) => f.Id !== hidden) : json;
    await open();
    await poll(0);
    const ofHidden = () =>
      hub!.store.records.showtimes.all().filter((s) => s.filmId === `veezi-film-${hidden}`).length;
    expect(ofHidden()).toBe(0);
    expect(hub!.veezi!.stats().catalogFetches).toBe(1);
    // Next poll: the sessions still name it, so the catalogue is fetched again, now whole.
    rewrite = (_path, json) => json;
    await poll(POLL_MS);
    expect(hub!.veezi!.stats().catalogFetches).toBe(2);
    expect(ofHidden()).toBeGreaterThan(0);
  });
});
