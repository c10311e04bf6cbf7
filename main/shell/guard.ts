import type { Session, WebContents } from 'electron';
import { PAGE_CSP } from '../api/routes/pages.ts';
import type { Logger } from '../log.ts';
import { isBlockedShortcut, isPermissionAllowed, withDefenceCsp } from './hardening.ts';
import { isHubRequest, isTrustedUrl } from './trusted-url.ts';

/**
 * Session-wide defences: permissions refused, the hub's CSP sent again by the
 * shell, and no request leaving for any server but the hub.
 */
export function guardSession(session: Session, hubOrigin: string, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl, hubOrigin);
    if (!allowed) log.warn('permission refused', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, hubOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withDefenceCsp(details.responseHeaders, PAGE_CSP) });
  });
  const filter = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => {
    const allowed = isHubRequest(details.url, hubOrigin);
    if (!allowed) log.warn('request blocked', { url: details.url });
    callback({ cancel: !allowed });
  };
  try {
    session.webRequest.onBeforeRequest(
      { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
      filter,
    );
  } catch (err) {
    // A Chromium that rejects the WebSocket patterns still filters http(s): CSP's connect-src covers the rest.
    log.warn('request filter without WebSocket patterns', { error: String(err) });
    session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, filter);
  }
}

export interface ContentsPolicy {
  /** Read at each event: the entry point guards contents before the hub is up. */
  readonly hubOrigin: string;
  /** Packaged build: DevTools and reload keys off. */
  readonly locked: boolean;
  readonly log: Logger;
}

/**
 * Per-page defences, for every WebContents the app ever creates (lobby,
 * admin, a popup, DevTools): navigation only within the hub, no new windows
 * (the admin window re-allows hub popups for itself), no <webview>, and the
 * packaged build's blocked keys.
 */
export function guardContents(contents: WebContents, policy: ContentsPolicy): void {
  const { log } = policy;
  const refuse = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isTrustedUrl(event.url, policy.hubOrigin)) return;
    event.preventDefault();
    log.warn(`${kind} blocked`, { url: event.url });
  };
  contents.on('will-frame-navigate', refuse('navigation'));
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('new window blocked', { url });
    return { action: 'deny' };
  });
  if (policy.locked) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input, { locked: true, kiosk: false, platform: process.platform })) {
        event.preventDefault();
      }
    });
  }
}
