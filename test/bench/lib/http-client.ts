import { Agent, type IncomingHttpHeaders, request } from 'node:http';

/** Kept-alive connections, so a change's timing does not include a TCP handshake. */
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export interface JsonResponse<T> {
  status: number;
  headers: IncomingHttpHeaders;
  json: T;
}

/** A JSON request; the caller states the shape it expects back. */
export function httpJson<T = unknown>(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: o.method ?? 'GET',
        agent,
        headers: {
          ...(body !== undefined && {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
          }),
          ...o.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let json: unknown = text;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: the text itself is the answer.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: json as T });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Releases kept-alive sockets so the bench process can exit. */
export function closeHttpAgent(): void {
  agent.destroy();
}
