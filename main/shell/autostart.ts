import { join } from 'node:path';

/** Quotes one argument for a desktop entry's Exec key (freedesktop Desktop Entry spec). */
export function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$<>|;&*?#()~]/.test(arg) && arg !== '') return arg.replace(/%/g, '%%');
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

/**
 * The XDG autostart entry that starts Marquee at login on Linux, where
 * Electron's `setLoginItemSettings` does nothing. `exec` is the AppImage
 * (`$APPIMAGE`) or the installed binary.
 */
export function linuxAutostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Marquee',
    'Comment=Lobby displays: live showtimes and seat availability',
    `Exec=${quoteExecArg(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** `$XDG_CONFIG_HOME/autostart/marquee.desktop`, defaulting to ~/.config. */
export function linuxAutostartFile(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'autostart', 'marquee.desktop');
}
