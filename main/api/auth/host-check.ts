/**
 * Guards against DNS rebinding: a page on evil.example whose name was
 * re-pointed at 127.0.0.1 sends `Host: evil.example`. Only names this hub
 * answers to are accepted. Pure, so it is tested on its own.
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  const host = hostName(hostHeader);
  return host !== undefined && allowed.has(host);
}

/** `Origin` is absent on same-origin GETs; when present it must name an allowed host. */
export function isAllowedOrigin(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && allowed.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The host name of a Host header value, lower-cased, without port; IPv6 keeps its brackets. */
export function hostName(hostHeader: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(hostHeader.trim());
  return m?.[1]?.toLowerCase();
}

/** Names a hub on `host` answers to by default: loopback names, plus the bound address. */
export function defaultAllowedHosts(bindHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', ...extra.map((h) => h.toLowerCase())]);
  if (bindHost !== '0.0.0.0' && bindHost !== '::')
    names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  return names;
}
