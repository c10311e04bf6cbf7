import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';

/** The path of a request target without its query (a `?token=` must never reach a log). */
function pathOf(target: string | undefined): string {
  const path = (target ?? '/').split('?', 1)[0]!;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * One `request` log line per answered request, once it is done (an event
 * stream when it closes): method, path, status, duration, peer address,
 * and whether the client left before the end.
 */
export function accessLog(log: Logger): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    res.once('close', () =>
      log.info('request', {
        method: req.method,
        path: pathOf(req.url),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        address: req.socket.remoteAddress,
        ...(!res.writableFinished && { aborted: true }),
      }),
    );
  };
}
