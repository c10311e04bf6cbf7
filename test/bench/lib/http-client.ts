import { Agent, type IncomingHttpHeaders, request } from 'node:http';

/** Kept-alive connections, so a change's timing does not include a TCP handshake. */
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export interface JsonResponse<T> {
  status: number;
  headers: IncomingHttpHeaders;
  json: T;
}

type RequestOptions = { method?: string; headers?: Record<string, string>; body?: unknown };

/**
 * A JSON request; the caller states the shape it expects back. A GET is sent
 * again once if its kept-alive connection was reset: the server may close an
 * idle one just as it is reused, a race that a loaded machine widens.
 */
export async function httpJson<T = unknown>(url: string, o: RequestOptions = {}): Promise<JsonResponse<T>> {
  try {
    return await once<T>(url, o);
  } catch (err) {
    if ((o.method ?? 'GET') !== 'GET' || (err as NodeJS.ErrnoException).code !== 'ECONNRESET') throw err;
    return once<T>(url, o);
  }
}

function once<T>(url: string, o: RequestOptions): Promise<JsonResponse<T>> {
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
