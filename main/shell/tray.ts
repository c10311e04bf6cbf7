import { Menu, type MenuItemConstructorOptions, type NativeImage, Tray } from 'electron';

export interface ShellActions {
  openAdmin(): void;
  /** Re-reads display roles from settings.json and re-lays the lobby windows. */
  reloadDisplays(): void;
  showSettingsFile(): void;
  restart(): void;
  quit(): void;
}

export function shellMenuItems(actions: ShellActions, adminShortcut: string): MenuItemConstructorOptions[] {
  return [
    { label: 'Open admin…', accelerator: adminShortcut, click: () => actions.openAdmin() },
    { label: 'Reload display roles', click: () => actions.reloadDisplays() },
    { label: 'Show settings file', click: () => actions.showSettingsFile() },
    { type: 'separator' },
    { label: 'Restart Marquee', click: () => actions.restart() },
    { label: 'Quit Marquee', click: () => actions.quit() },
  ];
}

/**
 * The tray icon, staff's way in besides the admin shortcut. Some Linux
 * desktops have no tray; the shortcut still works there.
 */
export function createTray(icon: NativeImage, actions: ShellActions, adminShortcut: string): Tray {
  const tray = new Tray(icon);
  tray.setToolTip('Marquee');
  tray.setContextMenu(Menu.buildFromTemplate(shellMenuItems(actions, adminShortcut)));
  return tray;
}

/**
 * The application menu. Windows and Linux get none, which also removes the
 * default menu's reload and DevTools accelerators; macOS keeps a minimal app
 * menu because Command+Q and the menu bar live there.
 */
export function applicationMenu(actions: ShellActions, adminShortcut: string): Menu | null {
  if (process.platform !== 'darwin') return null;
  return Menu.buildFromTemplate([{ label: 'Marquee', submenu: shellMenuItems(actions, adminShortcut) }]);
}
