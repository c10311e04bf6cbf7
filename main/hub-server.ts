import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';

export interface HttpLimits {
  /** A client must have sent all its request headers this long after connecting. Default 10,000 ms. */
  headersTimeoutMs?: number;
  /** ...and its whole request, body included. Default 30,000 ms. */
  requestTimeoutMs?: number;
  /**
   * How often those two are checked. Default 1,000 ms: at Node's own 30 s a
   * slow-header client could hold its connection for 40 s instead of 10.
   */
  checkIntervalMs?: number;
}

/** The hub's HTTP server, with its limits on slow and silent clients. */
export interface HubServer {
  readonly server: Server;
  /** Resolves once it accepts connections. */
  listen(port: number, host: string): Promise<void>;
  /** Stops the silent-connection sweep (the server itself is closed by its owner). */
  stopSweeping(): void;
}

export function createHubServer(
  limits: HttpLimits,
  maxConnections: number,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): HubServer {
  const headersTimeoutMs = limits.headersTimeoutMs ?? 10_000;
  const checkIntervalMs = limits.checkIntervalMs ?? 1_000;
  // Node's header timeout starts with a request's first byte, so a connection that never
  // sends one would hold one of the `maxConnections` slots for good. It gets as long as
  // headers do; one that sent something is Node's to time out (with a 408).
  // One sweep instead of a timer per connection: an open stream keeps nothing of this.
  const silent = new Map<Socket, number>();
  const server = createServer(
    {
      // Slow-header clients are cut off; a request body must arrive promptly.
      headersTimeout: headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs ?? 30_000,
      connectionsCheckingInterval: checkIntervalMs,
      keepAliveTimeout: 5_000,
    },
    (req, res) => {
      silent.delete(req.socket);
      handle(req, res);
    },
  );
  server.maxConnections = maxConnections;
  server.on('connection', (socket: Socket) => silent.set(socket, Date.now()));
  const sweep = setInterval(() => {
    // The same grace as before: the header timeout plus one check.
    const cutoff = Date.now() - headersTimeoutMs - checkIntervalMs;
    for (const [socket, since] of silent) {
      if (socket.destroyed || socket.bytesRead > 0) silent.delete(socket);
      else if (since <= cutoff) {
        silent.delete(socket);
        socket.destroy();
      }
    }
  }, checkIntervalMs).unref();
  // No 'clientError' handler of our own: Node's answers 400, 408 for a request
  // too slow to arrive, 431 for huge headers, and never writes a second
  // answer on a connection that already has one.
  return {
    server,
    listen: (port, host) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      }),
    stopSweeping: () => clearInterval(sweep),
  };
}
