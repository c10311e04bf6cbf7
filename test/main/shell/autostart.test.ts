import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linuxAutostartEntry, linuxAutostartFile, quoteExecArg } from '../../../main/shell/autostart.ts';

describe('linux autostart', () => {
  it('writes a desktop entry that runs the AppImage', () => {
    expect(linuxAutostartEntry('/home/kiosk/Marquee-0.1.0.AppImage')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Marquee',
        'Comment=Lobby displays: live showtimes and seat availability',
        'Exec=/home/kiosk/Marquee-0.1.0.AppImage',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes paths with spaces and escapes what the shell or the spec would read', () => {
    expect(quoteExecArg('/opt/Marquee App/marquee')).toBe('"/opt/Marquee App/marquee"');
    expect(quoteExecArg('/a/$HOME/`x`/"q"\\b')).toBe('"/a/\\$HOME/\\`x\\`/\\"q\\"\\\\b"');
    expect(quoteExecArg('/opt/100%/marquee')).toBe('/opt/100%%/marquee');
    expect(quoteExecArg('')).toBe('""');
  });

  it('puts it under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(linuxAutostartFile({}, '/home/kiosk')).toBe(
      join('/home/kiosk', '.config', 'autostart', 'marquee.desktop'),
    );
    expect(linuxAutostartFile({ XDG_CONFIG_HOME: '/cfg' }, '/home/kiosk')).toBe(
      join('/cfg', 'autostart', 'marquee.desktop'),
    );
  });
});
