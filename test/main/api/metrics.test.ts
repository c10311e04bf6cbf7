import { afterEach, describe, expect, it } from 'vitest';
import { SseClient } from '../../support/sse-client.ts';
import { adminHub, seedBasics, type TestHub } from './admin-support.ts';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('needs a token with the metrics permission (or staff), unless open on loopback', async () => {
    const admin = await adminHub();
    hub = admin.hub;
    const { api } = admin;
    const anonymous = await fetch(`${hub.url}/metrics`);
    expect(anonymous.status).toBe(401);

    const plain = await api<{ token: string }>('POST', '/api/admin/tokens', { name: 'box office' });
    const scraper = await api<{ token: string }>('POST', '/api/admin/tokens', {
      name: 'prometheus',
      permissions: ['metrics'],
    });
    const withPlain = await fetch(`${hub.url}/metrics`, {
      headers: { authorization: `Bearer ${plain.body.token}` },
    });
    expect(withPlain.status).toBe(403);
    const withScraper = await fetch(`${hub.url}/metrics`, {
      headers: { authorization: `Bearer ${scraper.body.token}` },
    });
    expect(withScraper.status).toBe(200);
    expect(withScraper.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await withScraper.text()).toContain('marquee_streams_open');
  });

  it('answers this machine without a token when configured open on loopback', async () => {
    const admin = await adminHub({ metricsOpenOnLoopback: true });
    hub = admin.hub;
    const res = await fetch(`${hub.url}/metrics`);
    expect(res.status).toBe(200);
  });

  it('counts streams, commits, broadcasts, snapshots, replays and fan-out', async () => {
    const admin = await adminHub({ metricsOpenOnLoopback: true });
    hub = admin.hub;
    const { api } = admin;
    const scrape = async () => (await fetch(`${hub!.url}/metrics`)).text();
    const before = await scrape();
    expect(sample(before, 'marquee_streams_open')).toBe(0);
    expect(sample(before, 'marquee_upstream_state{state="none"}')).toBe(1);
    expect(sample(before, 'marquee_upstream_lag_seconds')).toBeNaN();

    const first = await SseClient.connect(`${hub.url}/events`);
    await first.until(() => first.events.some((e) => e.event === 'snapshot'), 'snapshot');
    const seqBefore = hub.store.seq;
    await seedBasics(api);
    const committed = hub.store.seq - seqBefore;
    await first.until(() => first.events.length >= 1 + committed, 'the seeded events');
    const resumed = await SseClient.connect(`${hub.url}/events`, { 'last-event-id': first.events[1]!.id! });
    await resumed.until(() => resumed.events.length >= committed - 1, 'the replay');

    const after = await scrape();
    first.close();
    resumed.close();
    expect(sample(after, 'marquee_streams_open')).toBe(2);
    expect(sample(after, 'marquee_events_committed_total')).toBeGreaterThanOrEqual(committed);
    expect(sample(after, 'marquee_events_broadcast_total')).toBeGreaterThanOrEqual(committed);
    expect(sample(after, 'marquee_stream_snapshots_total')).toBe(1);
    expect(sample(after, 'marquee_stream_replays_total')).toBe(1);
    expect(sample(after, 'marquee_fanout_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'marquee_event_log_rows')).toBe(hub.store.log.count());
    expect(sample(after, 'marquee_database_wal_bytes')).toBeGreaterThan(0);
    expect(sample(after, 'marquee_storage_failures_total')).toBe(0);
    expect(sample(after, 'marquee_displays{state="ok",reason=""}')).toBe(0);
  });

  it('shows a polling source once one is registered', async () => {
    const admin = await adminHub({ metricsOpenOnLoopback: true });
    hub = admin.hub;
    expect(await (await fetch(`${hub.url}/metrics`)).text()).not.toContain('marquee_poll{');
    hub.metrics.pollSource(() => ({ polls: 3, failures: 1 }));
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(sample(text, 'marquee_poll{stat="polls"}')).toBe(3);
    expect(sample(text, 'marquee_poll{stat="failures"}')).toBe(1);
  });
});
