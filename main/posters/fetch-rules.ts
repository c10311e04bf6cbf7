import { trustedCa } from '../trusted-ca.ts';
import { isForbiddenAddress } from './address-policy.ts';
import { type TargetPolicy, addressRefusal, parseAllowList } from './allow-list.ts';
import type { PosterFetchRules, Resolver } from './poster-fetch.ts';
import { systemResolver } from './poster-fetch.ts';

/** Redirects a download follows, each hop checked like the first. */
const MAX_REDIRECTS = 3;

/** What decides which remote addresses the hub fetches from (posters, lobby media). */
export interface RemoteFetchOptions {
  /** Hosts fetched although they resolve to a private address (names, addresses, CIDR blocks). Default none. */
  allowHosts?: readonly string[] | undefined;
  /** Resolves host names. Default: the system resolver. */
  resolve?: Resolver | undefined;
  /** Which resolved addresses are refused. Default `isForbiddenAddress`. */
  isForbiddenAddress?: ((ip: string) => boolean) | undefined;
}

/**
 * The fetch rules every remote file the hub downloads for its screens goes
 * through: the address policy (the upstream's own origin always allowed), the
 * private CA, a size cap and a bounded number of redirects.
 */
export function remoteFetchRules(
  options: RemoteFetchOptions,
  upstreamOrigin: string | undefined,
  ca: readonly string[] | undefined,
  maxBytes: number,
): PosterFetchRules {
  const policy: TargetPolicy = {
    trustedOrigins: upstreamOrigin ? [upstreamOrigin] : [],
    allow: parseAllowList(options.allowHosts ?? []),
    isForbiddenAddress: options.isForbiddenAddress ?? isForbiddenAddress,
  };
  return {
    resolve: options.resolve ?? systemResolver,
    refusal: (url, address) => addressRefusal(policy, url, address),
    ca: trustedCa(ca),
    maxBytes,
    maxRedirects: MAX_REDIRECTS,
  };
}
