import { type Hub, type HubOptions, startHub } from '../../main/hub.ts';
import { memoryLogger } from '../../main/log.ts';
import { tempDir } from './temp-dir.ts';

export const TEST_PASSWORD = 'correct horse battery';

export type TestHub = Hub & { dataDir: string; logLines: string[]; stop(): Promise<void> };

/** A real hub on 127.0.0.1:0 over a real SQLite file in a fresh temp folder. */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const dir = tempDir();
  const log = memoryLogger();
  const hub = await startHub({ dataDir: dir.path, port: 0, log, ...options });
  return Object.assign(hub, {
    dataDir: dir.path,
    logLines: log.lines,
    async stop() {
      await hub.close();
      dir.remove();
    },
  });
}
