import electronUpdater, { type UpdateInfo } from 'electron-updater';
import type { Hub } from '../hub.ts';
import type { Logger } from '../log.ts';
import type { UpdateSettings } from './settings.ts';
import { showWindowsOf, updateDecision, urgentActiveAt } from './update-policy.ts';

// electron-updater is CommonJS; its named exports come through the default one.
const { autoUpdater } = electronUpdater;

const DECIDE_EVERY_MS = 60_000;

/**
 * Kiosk updates from a self-hosted generic feed (`latest.yml` and the
 * installers, as `npm run dist` writes them). A release downloads in the
 * background (electron-updater honours the feed's `stagingPercentage`: a
 * staged rollout) and installs only when `updateDecision` says the venue is
 * quiet. Rollback: publish the previous release as the feed's latest;
 * `allowDowngrade` lets kiosks install it the same way. Returns a stop.
 */
export function startKioskUpdater(settings: UpdateSettings, hub: Hub, log: Logger): () => void {
  if (!settings.url) return () => {};
  autoUpdater.setFeedURL({ provider: 'generic', url: settings.url });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = true;
  autoUpdater.logger = {
    info: (m: unknown) => log.info('updater', { message: String(m) }),
    warn: (m: unknown) => log.warn('updater', { message: String(m) }),
    error: (m: unknown) => log.error('updater', { message: String(m) }),
  };
  let ready: UpdateInfo | undefined;
  autoUpdater.on('update-downloaded', (info: UpdateInfo) => {
    ready = info;
    log.info('update downloaded; installing in the venue’s quiet hours', { version: info.version });
  });
  const check = () =>
    autoUpdater
      .checkForUpdates()
      .catch((err: unknown) => log.warn('update check failed', { error: String(err) }));
  void check();
  const checking = setInterval(() => void check(), settings.checkEveryHours * 3_600_000);
  let lastReason: string | undefined;
  const deciding = setInterval(() => {
    if (!ready) return;
    const snapshot = hub.store.snapshot();
    const now = Date.now();
    const decision = updateDecision(
      { now, shows: showWindowsOf(snapshot), urgentActive: urgentActiveAt(snapshot, now) },
      { leadMs: settings.leadMinutes * 60_000, minQuietMs: settings.minQuietHours * 3_600_000 },
    );
    if (!decision.install) {
      if (decision.reason !== lastReason)
        log.info('update waits', { version: ready.version, reason: decision.reason });
      lastReason = decision.reason;
      return;
    }
    log.info('installing update', { version: ready.version });
    clearInterval(deciding);
    clearInterval(checking);
    autoUpdater.quitAndInstall(true, true);
  }, DECIDE_EVERY_MS);
  return () => {
    clearInterval(checking);
    clearInterval(deciding);
  };
}
