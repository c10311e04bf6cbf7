import { hostname, networkInterfaces } from 'node:os';
import type { Logger } from '../../log.ts';

/** Host names (lower-case, IPv6 in brackets) a hub answers to. */
export interface HostNames {
  has(name: string): boolean;
}

/**
 * Guards against DNS rebinding: a page on evil.example whose name was
 * re-pointed at 127.0.0.1 sends `Host: evil.example`. Only names this hub
 * answers to are accepted. Pure, so it is tested on its own.
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: HostNames): boolean {
  if (!hostHeader) return false;
  const host = hostName(hostHeader);
  return host !== undefined && allowed.has(host);
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/**
 * `Origin` is absent on same-origin GETs; when present it must name an
 * allowed host on the port the request was addressed to (`Host`): a page
 * served by another program on this machine is another origin.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  allowed: HostNames,
  hostHeader: string | undefined,
): boolean {
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    const defaultPort = DEFAULT_PORTS[url.protocol];
    if (!defaultPort || !allowed.has(url.hostname.toLowerCase())) return false;
    const hostPort = /:(\d{1,5})$/.exec(hostHeader?.trim() ?? '')?.[1] ?? defaultPort;
    return Number(url.port || defaultPort) === Number(hostPort);
  } catch {
    return false;
  }
}

/** The host name of a Host header value, lower-cased, without port; IPv6 keeps its brackets. */
export function hostName(hostHeader: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(hostHeader.trim());
  return m?.[1]?.toLowerCase();
}

const isWildcard = (bindHost: string) => bindHost === '0.0.0.0' || bindHost === '::';

/**
 * The names a LAN screen may use to reach this machine: every interface
 * address (IPv6 in brackets, without a zone) and the host name, also with
 * `.local` (mDNS). Pure, so it is tested on its own.
 */
export function machineHostNames(interfaces: ReturnType<typeof networkInterfaces>, host: string): string[] {
  const names = new Set<string>();
  for (const list of Object.values(interfaces)) {
    for (const i of list ?? []) {
      const address = i.address.split('%')[0]!.toLowerCase();
      names.add(i.family === 'IPv6' ? `[${address}]` : address);
    }
  }
  const name = host.toLowerCase();
  if (/^[a-z0-9.-]{1,253}$/.test(name)) {
    names.add(name);
    if (!name.includes('.')) names.add(`${name}.local`);
  }
  return [...names];
}

export interface HostAllowListOptions {
  /** The machine's names (see `machineHostNames`); read again at most every 10 s when a name is missing. Default: this machine's. */
  machineNames?: () => string[];
  /** Where a refused Host is reported, once per name. Default: nowhere. */
  log?: Logger;
  now?: () => number;
}

/** Refused names remembered so each is logged once; past it, refusals go unlogged. */
const REFUSALS_LOGGED = 1_000;
const MACHINE_NAMES_FRESH_MS = 10_000;

/**
 * Names a hub bound to `bindHost` answers to: loopback names, the bound
 * address, names given with `--allow-host`, and, when bound to a wildcard
 * address (`0.0.0.0`, `::`), the machine's own addresses and host name, so
 * LAN screens that reach it by those keep working. An interface that comes
 * up later (DHCP) is found on its first request.
 */
export class HostAllowList implements HostNames {
  readonly #fixed: Set<string>;
  readonly #machineNames: (() => string[]) | undefined;
  #machine = new Set<string>();
  #machineReadAt = Number.NEGATIVE_INFINITY;
  readonly #refused = new Set<string>();
  readonly #log: Logger | undefined;
  readonly #now: () => number;

  constructor(bindHost: string, extra: readonly string[] = [], options: HostAllowListOptions = {}) {
    this.#fixed = new Set(['localhost', '127.0.0.1', '[::1]', ...extra.map((h) => h.toLowerCase())]);
    if (!isWildcard(bindHost)) this.#fixed.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
    this.#machineNames = isWildcard(bindHost)
      ? (options.machineNames ?? (() => machineHostNames(networkInterfaces(), hostname())))
      : undefined;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
  }

  has(name: string): boolean {
    if (this.#fixed.has(name)) return true;
    if (!this.#machineNames) return false;
    if (this.#machine.has(name)) return true;
    if (this.#now() - this.#machineReadAt < MACHINE_NAMES_FRESH_MS) return false;
    this.#machineReadAt = this.#now();
    this.#machine = new Set(this.#machineNames());
    return this.#machine.has(name);
  }

  /** Whether a request's Host names this hub; a refused one is logged the first time it is seen. */
  admits(hostHeader: string | undefined): boolean {
    if (isAllowedHost(hostHeader, this)) return true;
    const shown = (hostHeader ?? '(none)').slice(0, 100);
    if (this.#log && this.#refused.size < REFUSALS_LOGGED && !this.#refused.has(shown)) {
      this.#refused.add(shown);
      this.#log.warn(
        'refused a request for a host name this hub does not answer to (allow it with --allow-host)',
        {
          host: shown,
        },
      );
    }
    return false;
  }
}
