import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../../main/shell/shell-args.ts';

describe('parseShellArgs', () => {
  it('picks its switches out of Electron and Chromium ones', () => {
    expect(
      parseShellArgs([
        '/usr/bin/electron',
        '.',
        '--no-sandbox',
        '--user-data-dir=/tmp/kiosk',
        '--inspect=0',
        '--demo',
      ]),
    ).toEqual({ userDataDir: '/tmp/kiosk', demo: true });
  });

  it('defaults to the OS user-data folder and no demo', () => {
    expect(parseShellArgs(['/opt/Marquee/marquee'])).toEqual({ demo: false });
    expect(parseShellArgs(['marquee', '--user-data-dir='])).toEqual({ demo: false });
  });
});
