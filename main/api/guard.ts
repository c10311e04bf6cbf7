import type { IncomingMessage } from 'node:http';
import type { Principal } from './auth/admin-auth.ts';
import { isAllowedOrigin } from './auth/host-check.ts';
import type { AppContext } from './context.ts';
import { HttpError } from './http-error.ts';

/** Refuses a request addressed to a name this hub does not answer to (DNS rebinding), with 421. */
export function checkHost(ctx: AppContext, req: IncomingMessage): void {
  if (!ctx.allowedHosts.admits(req.headers.host)) {
    throw new HttpError(421, 'this hub does not answer to that host name');
  }
}

/** Refuses requests addressed to a name this hub does not answer to (DNS rebinding) or from a foreign page. */
export function checkHostAndOrigin(ctx: AppContext, req: IncomingMessage): void {
  checkHost(ctx, req);
  if (!isAllowedOrigin(req.headers.origin, ctx.allowedHosts, req.headers.host)) {
    throw new HttpError({
      status: 403,
      code: 'foreign_origin',
      message: 'requests from other sites are refused',
    });
  }
}

/** Every admin route starts here: right host, right origin, valid credentials. */
export function requireAdmin(ctx: AppContext, req: IncomingMessage): Principal {
  checkHostAndOrigin(ctx, req);
  return ctx.auth.authenticate(req);
}
