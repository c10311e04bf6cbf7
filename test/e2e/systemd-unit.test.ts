import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';
import { tempDir } from '../support/temp-dir.ts';

const UNIT = join(packageRoot(), 'deploy', 'systemd', 'marquee.service');
const hasAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

/** `key=value` lines of the unit, continuation lines joined. */
function directives(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.replace(/\s*\\\n\s*/g, ' ').split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

describe('the systemd unit in deploy/', () => {
  const d = directives(readFileSync(UNIT, 'utf8'));

  it('runs marquee serve as a dynamic user with its state directory, restarts it, and hands it its token', () => {
    expect(d.get('DynamicUser')).toEqual(['yes']);
    expect(d.get('StateDirectory')).toEqual(['marquee']);
    expect(d.get('Restart')).toEqual(['on-failure']);
    expect(d.get('LoadCredential')).toEqual(['upstream-token:/etc/marquee/upstream-token']);
    const exec = d.get('ExecStart')![0]!;
    expect(exec).toMatch(/ serve --config \/etc\/marquee\/marquee\.yaml /);
    expect(exec).toContain('--upstream-token-file %d/upstream-token');
    for (const hardening of [
      'NoNewPrivileges',
      'ProtectSystem',
      'ProtectHome',
      'PrivateTmp',
      'RestrictAddressFamilies',
    ])
      expect(d.has(hardening), hardening).toBe(true);
  });

  // These machines have systemd-analyze but do not run systemd as PID 1; verify works offline.
  it.skipIf(!hasAnalyze)('passes systemd-analyze verify', () => {
    const dir = tempDir();
    try {
      const copy = join(dir.path, 'marquee.service');
      copyFileSync(UNIT, copy);
      const r = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr.trim()).toBe('');
    } finally {
      dir.remove();
    }
  });
});
