import type { HTTPMethod } from 'find-my-way';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import { HttpError } from '../http-error.ts';
import { sendError } from '../http.ts';
import type { Router } from '../router.ts';

export const DISPLAY_COOKIE = 'marquee_display';

/** What a screen reads: the board pages, and the feed, the snapshot and its heartbeat. */
const PAGES = [
  ['GET', '/'],
  ['HEAD', '/'],
  ['GET', '/door/x'],
  ['HEAD', '/door/x'],
] as const;
const FEEDS = [
  ['GET', '/events'],
  ['GET', '/api/snapshot'],
  ['POST', '/api/displays/heartbeat'],
] as const;

/** `?token=` of a request target; an unreadable URL has none (the router answers it). */
function queryToken(target: string): string | null {
  try {
    return new URL(target, 'http://hub').searchParams.get('token');
  } catch {
    return null;
  }
}

function matches(candidate: string, token: Buffer): boolean {
  const given = Buffer.from(candidate);
  return given.length === token.length && timingSafeEqual(given, token);
}

/** Display tokens a person can type into a TV's browser, but not guess. */
export const DISPLAY_TOKEN_PATTERN = /^[\x21-\x7e]{16,256}$/;

/**
 * Guards what screens read when the hub is given a display token (LAN
 * screens on a network that is not private enough). EventSource cannot send
 * headers, so a screen opens `/?token=…` once: the page is served with an
 * HttpOnly cookie, and the board's own requests carry it from then on. A
 * chained hub's relay sends the token as `Authorization: Bearer`.
 */
export class DisplayAccess {
  readonly #token: (() => string) | undefined;
  readonly #router: Router;
  /**
   * The guarded routes, known by their handlers: a request is matched exactly
   * as the router will match it (trailing slash, percent-encoding, absolute
   * URLs), so no spelling of a path slips past.
   */
  readonly #kinds = new Map<unknown, 'page' | 'feed'>();

  /**
   * @param token the display token, or a function asked on every request (a
   *   token file, re-read so a changed token applies at once); without one
   *   every screen is let in.
   * @param router the hub's router, with every route already on it.
   */
  constructor(token: string | (() => string) | undefined, router: Router) {
    this.#token = typeof token === 'string' ? () => token : token;
    this.#router = router;
    for (const [kind, routes] of [
      ['page', PAGES],
      ['feed', FEEDS],
    ] as const) {
      for (const [method, path] of routes) {
        const handler = router.find(method, path)?.handler;
        if (!handler) throw new Error(`display routes: ${method} ${path} is not registered`);
        this.#kinds.set(handler, kind);
      }
    }
  }

  /**
   * Lets the request through (true), or answers it with 401 (false). A page
   * opened with the right `?token=` gets the cookie with it.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.#token) return true;
    const kind = this.#kinds.get(
      this.#router.find((req.method ?? 'GET') as HTTPMethod, req.url ?? '/')?.handler,
    );
    if (!kind) return true;
    const page = kind === 'page';
    const token = Buffer.from(this.#token());
    const fromQuery = queryToken(req.url ?? '/');
    if (fromQuery !== null && matches(fromQuery, token)) {
      if (page) res.setHeader('Set-Cookie', this.#cookie(fromQuery));
      return true;
    }
    const bearer = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined && matches(bearer, token)) return true;
    const cookie = req.headers.cookie ? parseCookie(req.headers.cookie)[DISPLAY_COOKIE] : undefined;
    if (cookie !== undefined && matches(cookie, token)) return true;
    req.resume();
    sendError(
      res,
      new HttpError({
        status: 401,
        code: 'display_token_required',
        message: 'this hub needs its display token: open the board once as /?token=<display token>',
      }),
    );
    return false;
  }

  #cookie(token: string): string {
    // A screen stays signed in for a year; SameSite=Strict keeps other sites' pages from using it.
    return stringifySetCookie({
      name: DISPLAY_COOKIE,
      value: token,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      maxAge: 365 * 24 * 60 * 60,
    });
  }
}
