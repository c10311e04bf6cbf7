import type { Session, WebContents } from 'electron';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../../main/api/routes/pages.ts';
import { memoryLogger } from '../../../main/log.ts';
import { guardContents, guardSession } from '../../../main/shell/guard.ts';

// The guards against stand-ins for Electron's WebContents and Session: they
// only need `on`, `setWindowOpenHandler` and the session's handler setters.

const HUB = 'http://127.0.0.1:4747';

function fakeContents() {
  const contents = new EventEmitter() as EventEmitter & {
    openHandler?: (details: { url: string }) => { action: string };
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void;
  };
  contents.setWindowOpenHandler = (handler) => (contents.openHandler = handler);
  return contents;
}

/** Emits a navigation-like event and says whether a guard prevented it. */
function attempt(contents: EventEmitter, event: string, url: string): boolean {
  let prevented = false;
  contents.emit(event, { url, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('guardContents', () => {
  const policy = { hubOrigin: HUB, locked: false, log: memoryLogger() };

  it('keeps every kind of navigation within the hub', () => {
    const contents = fakeContents();
    guardContents(contents as unknown as WebContents, policy);
    for (const event of ['will-frame-navigate', 'will-navigate', 'will-redirect']) {
      expect(attempt(contents, event, `${HUB}/admin`), event).toBe(false);
      expect(attempt(contents, event, 'https://evil.example/'), event).toBe(true);
      expect(attempt(contents, event, 'http://127.0.0.1:4747@evil.example/'), event).toBe(true);
    }
  });

  it('reads the hub origin at each event, so contents guarded before the hub started follow it', () => {
    let origin = 'null:';
    const live = {
      get hubOrigin() {
        return origin;
      },
      locked: false,
      log: memoryLogger(),
    };
    const contents = fakeContents();
    guardContents(contents as unknown as WebContents, live);
    expect(attempt(contents, 'will-navigate', `${HUB}/`)).toBe(true);
    origin = HUB;
    expect(attempt(contents, 'will-navigate', `${HUB}/`)).toBe(false);
  });

  it('denies new windows and webviews', () => {
    const contents = fakeContents();
    guardContents(contents as unknown as WebContents, policy);
    expect(contents.openHandler?.({ url: `${HUB}/` })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('blocks DevTools and reload keys only in a packaged build', () => {
    const press = (locked: boolean) => {
      const contents = fakeContents();
      guardContents(contents as unknown as WebContents, { ...policy, locked });
      let prevented = false;
      contents.emit(
        'before-input-event',
        { preventDefault: () => (prevented = true) },
        { type: 'keyDown', key: 'F12', control: false, meta: false, alt: false, shift: false },
      );
      return prevented;
    };
    expect(press(true)).toBe(true);
    expect(press(false)).toBe(false);
  });
});

describe('guardSession', () => {
  type Handler = (...args: never[]) => unknown;
  function fakeSession() {
    const handlers: Record<string, Handler> = {};
    const filters: { urls: string[] }[] = [];
    const session = {
      setPermissionRequestHandler: (h: Handler) => (handlers['request'] = h),
      setPermissionCheckHandler: (h: Handler) => (handlers['check'] = h),
      setDevicePermissionHandler: (h: Handler) => (handlers['device'] = h),
      webRequest: {
        onHeadersReceived: (h: Handler) => (handlers['headers'] = h),
        onBeforeRequest: (filter: { urls: string[] }, h: Handler) => {
          filters.push(filter);
          handlers['request-filter'] = h;
        },
      },
    };
    guardSession(session as unknown as Session, HUB, memoryLogger());
    return { handlers, filters };
  }

  it('refuses permissions except the hub writing to the clipboard', () => {
    const { handlers } = fakeSession();
    const ask = (permission: string, requestingUrl: string) => {
      let answer: boolean | undefined;
      (handlers['request'] as (...a: unknown[]) => void)(null, permission, (ok: boolean) => (answer = ok), {
        requestingUrl,
      });
      return answer;
    };
    expect(ask('media', `${HUB}/`)).toBe(false);
    expect(ask('geolocation', `${HUB}/admin`)).toBe(false);
    expect(ask('clipboard-sanitized-write', `${HUB}/admin`)).toBe(true);
    const check = handlers['check'] as (...a: unknown[]) => boolean;
    expect(check(null, 'notifications', HUB)).toBe(false);
    expect((handlers['device'] as () => boolean)()).toBe(false);
  });

  it("adds the hub's CSP to every response", () => {
    const { handlers } = fakeSession();
    let headers: unknown;
    (handlers['headers'] as (...a: unknown[]) => void)(
      { responseHeaders: { 'Content-Type': ['text/html'] } },
      (r: { responseHeaders: unknown }) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [PAGE_CSP] });
  });

  it('lets requests out to the hub only', () => {
    const { handlers, filters } = fakeSession();
    expect(filters[0]!.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    const send = (url: string) => {
      let cancel: boolean | undefined;
      (handlers['request-filter'] as (...a: unknown[]) => void)(
        { url },
        (r: { cancel: boolean }) => (cancel = r.cancel),
      );
      return cancel;
    };
    expect(send(`${HUB}/events`)).toBe(false);
    expect(send('https://tracker.example/pixel.gif')).toBe(true);
  });
});
