import FindMyWay, { type HTTPVersion, type Handler } from 'find-my-way';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from './context.ts';
import { HttpError, fromStoreError } from './http-error.ts';
import { sendError } from './http.ts';

export type Params = Record<string, string | undefined>;
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: Params) => unknown;
export type Router = FindMyWay.Instance<HTTPVersion.V1>;

/** Routes are plain functions; errors thrown by them become JSON answers here, in one place. */
export function createRouter(): Router {
  return FindMyWay({
    ignoreTrailingSlash: true,
    maxParamLength: 200,
    defaultRoute: (_req, res) =>
      sendError(res, new HttpError({ status: 404, code: 'no_such_route', message: 'no such route' })),
    onBadUrl: (_path, _req, res) =>
      sendError(res, new HttpError({ status: 400, code: 'malformed_url', message: 'malformed URL' })),
  });
}

export interface RouteInfo {
  readonly method: string;
  readonly path: string;
}

/** Every route on `router`, in the order they were added. */
export function listRoutes(router: Router): RouteInfo[] {
  // find-my-way keeps its routes on the instance but leaves the field out of its types.
  const routes = (router as unknown as { routes: readonly RouteInfo[] }).routes;
  return routes.map(({ method, path }) => ({ method, path }));
}

/** Wraps a handler so every failure ends in a clear JSON error, never a hung or crashed request. */
export function handle(ctx: AppContext, fn: RouteHandler): Handler<HTTPVersion.V1> {
  return (req, res, params) => {
    let result: unknown;
    try {
      result = fn(req, res, params);
    } catch (err) {
      fail(ctx, res, err);
      return;
    }
    if (result instanceof Promise) result.catch((err: unknown) => fail(ctx, res, err));
  };
}

function fail(ctx: AppContext, res: ServerResponse, err: unknown): void {
  const known = err instanceof HttpError ? err : fromStoreError(err);
  if (!known) ctx.log.error('request failed', { error: err instanceof Error ? err.stack : String(err) });
  else if (known.status === 503 && !(err instanceof HttpError))
    ctx.log.error('storage refused the request', { error: known.message });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendError(
    res,
    known ?? new HttpError({ status: 500, code: 'internal', message: 'internal error; see the hub log' }),
  );
}
