/**
 * Whether a window may navigate to or open `url`: only pages of the hub this
 * shell started. Compares WHATWG-normalised origins, so case, IDN spelling,
 * default ports and `0x7f.1`-style hosts cannot smuggle another host past it;
 * refuses every scheme but http(s) (file:, data:, javascript:, blob:,
 * view-source:, about:) and any URL carrying credentials, which a page could
 * use to dress up a phishing link as the hub.
 */
export function isTrustedUrl(url: string, hubOrigin: string): boolean {
  const hub = parseHttp(hubOrigin);
  const target = parseHttp(url);
  if (!hub || !target) return false;
  if (target.username !== '' || target.password !== '') return false;
  return target.origin === hub.origin;
}

function parseHttp(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * The origin the shell's own windows load the hub from. A hub bound to every
 * interface (`0.0.0.0`, `::`) is reached over loopback: Chromium refuses to
 * navigate to the unspecified address, and loopback is always among the hub's
 * allowed hosts.
 */
export function localHubOrigin(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::' || host === '[::]') return `http://[::1]:${port}`;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return new URL(`http://${bracketed}:${port}`).origin;
}

/**
 * Whether the session lets a network request (http, https, ws, wss) out: only
 * to the hub. Lobby pages have no business with any other server; the relay
 * talks upstream from the main process, outside the session.
 */
export function isHubRequest(url: string, hubOrigin: string): boolean {
  const web = url.replace(/^ws(s?):/i, 'http$1:');
  return isTrustedUrl(web, hubOrigin);
}
