import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface SnapshotFetch {
  url: URL;
  /** The feed's own headers (its token and extra headers), so the same credentials apply. */
  headers: Readonly<Record<string, string>>;
  ca?: readonly string[] | undefined;
  /** Larger answers are refused. */
  maxBytes: number;
  /** For headers and body together. */
  timeoutMs: number;
}

/**
 * `GET` of a snapshot in the feed's `snapshot` shape (JSON, as a Marquee
 * hub's `/api/snapshot`), for a feed that lost the history after our id.
 * Resolves with the body text; rejects with a sentence for the log.
 */
export function fetchSnapshot(f: SnapshotFetch): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = f.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(f.url, {
      method: 'GET',
      headers: { Accept: 'application/json', ...f.headers },
      agent: false,
      timeout: f.timeoutMs,
      ...(f.ca && { ca: [...f.ca] }),
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`no snapshot within ${f.timeoutMs} ms`)),
      f.timeoutMs,
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`snapshot from ${f.url.origin + f.url.pathname}: ${err.message}`));
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        req.destroy(new Error(`HTTP ${res.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > f.maxBytes) req.destroy(new Error(`larger than ${f.maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
    req.end();
  });
}
