import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tuningOf } from '../../../main/cli/serve-tuning.ts';
import { memoryLogger } from '../../../main/log.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { startTestHub } from '../../support/test-hub.ts';

const OLD = 'lobby-screens-first-2f9c1e7a';
const NEW = 'lobby-screens-second-8d3b0c41';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('--display-token-file', () => {
  it('checks each request against what the file holds now: a changed token applies without a restart', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'display-token');
    writeFileSync(file, `${OLD}\n`);
    const { hub: tuning } = tuningOf(
      { 'display-token-file': file, 'metrics-open-on-loopback': false },
      memoryLogger(),
    );
    const hub = await startTestHub(tuning);
    cleanup = async () => {
      await hub.stop();
      dir.remove();
    };
    const snapshot = (token: string) =>
      fetch(`${hub.url}/api/snapshot`, { headers: { authorization: `Bearer ${token}` } }).then(
        (r) => r.status,
      );
    expect(await snapshot(OLD)).toBe(200);
    expect(await snapshot(NEW)).toBe(401);
    writeFileSync(file, NEW);
    expect(await snapshot(NEW)).toBe(200);
    expect(await snapshot(OLD)).toBe(401);
  });
});
