import { type IncomingHttpHeaders, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with exactly the headers given (fetch would not let a test
 * set Host, as a DNS-rebinding page's browser does), optionally from another
 * local address (127.0.0.2 is a different client to the hub).
 */
export function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        agent: false,
        ...(init.localAddress && { localAddress: init.localAddress }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        // A stream never ends by itself: its headers and first bytes are enough.
        const isStream = res.headers['content-type'] === 'text/event-stream';
        res.on('data', (d: string) => {
          body += d;
          if (isStream) res.destroy();
        });
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A route's path with every parameter and wildcard filled in. */
export const concrete = (path: string, value = 'x'): string =>
  path.replace(/:[^/]+/g, value).replace(/\*$/, value);

export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
