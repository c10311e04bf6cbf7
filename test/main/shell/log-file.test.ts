import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileLogger } from '../../../main/shell/log-file.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('fileLogger', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => {
    vi.restoreAllMocks();
    dir.remove();
  });

  it('appends JSON lines to marquee.log as well as stderr', async () => {
    dir = tempDir();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = fileLogger(join(dir.path, 'logs'));
    log.info('hub started', { url: 'http://127.0.0.1:4747' });
    log.warn('settings: hub.port: too big');
    await log.close();
    const lines = readFileSync(log.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as object);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', message: 'hub started', url: 'http://127.0.0.1:4747' }),
      expect.objectContaining({ level: 'warn', message: 'settings: hub.port: too big' }),
    ]);
    expect(stderr).toHaveBeenCalledTimes(2);
  });

  it('starts a fresh file when the last one grew too big, keeping one old one', async () => {
    dir = tempDir();
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    writeFileSync(join(dir.path, 'marquee.log'), 'x'.repeat(2000));
    const log = fileLogger(dir.path, 1000);
    log.info('after rotation');
    await log.close();
    expect(readFileSync(join(dir.path, 'marquee.1.log'), 'utf8')).toBe('x'.repeat(2000));
    expect(readFileSync(join(dir.path, 'marquee.log'), 'utf8')).toContain('after rotation');
  });
});

describe('fileLogger rotation while running', () => {
  it('moves a full file aside as the kiosk keeps logging, so two files at most stay on disk', async () => {
    const dir = tempDir();
    try {
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const log = fileLogger(dir.path, 1000);
      for (let i = 0; i < 50; i++) log.info('screen heartbeat', { n: i });
      await log.close();
      const { readdirSync, statSync } = await import('node:fs');
      expect(readdirSync(dir.path).sort()).toEqual(['marquee.1.log', 'marquee.log']);
      for (const f of ['marquee.1.log', 'marquee.log'])
        expect(statSync(join(dir.path, f)).size).toBeLessThanOrEqual(1000);
      const last = readFileSync(join(dir.path, 'marquee.log'), 'utf8').trim().split('\n').at(-1)!;
      expect(JSON.parse(last)).toMatchObject({ message: 'screen heartbeat', n: 49 });
    } finally {
      vi.restoreAllMocks();
      dir.remove();
    }
  });
});
