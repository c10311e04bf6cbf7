import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseServeFlags } from '../../../main/cli/serve.ts';
import { memoryLogger } from '../../../main/log.ts';
import { type TestHub, startTestHub } from '../../support/test-hub.ts';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const requests = (lines: string[]) =>
  lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['message'] === 'request');

describe('the access log', () => {
  it('logs one line per request, without the query (a display token must not reach the log)', async () => {
    hub = await startTestHub({ accessLog: true });
    await (await fetch(`${hub.url}/api/health?token=secret-display-token-123`)).text();
    await (await fetch(`${hub.url}/api/nothing-here`)).text();
    // Written when the server side closes, which may come a turn after the client has its answer.
    await vi.waitFor(() => expect(requests(hub!.logLines)).toHaveLength(2), { timeout: 5_000 });
    const lines = requests(hub.logLines);
    expect(lines).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/health', status: 200, address: '127.0.0.1' }),
      expect.objectContaining({ method: 'GET', path: '/api/nothing-here', status: 404 }),
    ]);
    expect(hub.logLines.join('\n')).not.toContain('secret-display-token');
  });

  it('is off by default', async () => {
    hub = await startTestHub();
    await (await fetch(`${hub.url}/api/health`)).text();
    expect(requests(hub.logLines)).toEqual([]);
  });
});

describe('--log-level', () => {
  it('drops lines below the level', () => {
    const log = memoryLogger('warn');
    log.info('quiet');
    log.warn('loud');
    log.error('louder');
    expect(log.lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['loud', 'louder']);
  });

  it('is a flag and a config key, checked', () => {
    expect(parseServeFlags(['--log-level', 'warn', '--access-log'], {})).toMatchObject({
      'log-level': 'warn',
      'access-log': true,
    });
    expect(parseServeFlags([], {})['log-level']).toBe('info');
    expect(() => parseServeFlags(['--log-level', 'loud'], {})).toThrow(
      '--log-level: must be info, warn or error',
    );
  });
});
