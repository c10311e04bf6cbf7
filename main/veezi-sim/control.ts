import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { VeeziSim } from './box-office.ts';
import { FAULT_KINDS, type Faults } from './faults.ts';
import { sessionAnswer } from './wire.ts';

/*
 * Test and demo controls, outside Veezi's API: a process-level test turns
 * faults on and off and sells seats without reaching into the process.
 * Same token as the API.
 */

const FaultsBody = z.object({
  kinds: z.array(z.enum(FAULT_KINDS)),
  rate: z.number().min(0).max(1).optional(),
  paths: z.array(z.string().min(1)).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  slowMs: z.number().int().min(0).optional(),
});
const SellBody = z.object({ sessionId: z.number().int(), seats: z.number().int() });

const MAX_BODY = 4_096;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

const reply = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) res.writeHead(status, { 'Content-Length': 0 }).end();
  else res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
};

/**
 * `POST /_sim/faults` `{ kinds, rate?, paths?, retryAfterSeconds?, slowMs? }`
 * (empty `kinds` turns them off) → 204. `POST /_sim/sell` `{ sessionId, seats }`
 * (negative seats refund) → 200 with the session as /v1/session shows it.
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
  sim: VeeziSim,
  faults: Faults,
): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (err) {
    return reply(res, 400, { Message: `unreadable body: ${(err as Error).message}` });
  }
  if (action === 'faults') {
    const parsed = FaultsBody.safeParse(body);
    if (!parsed.success) return reply(res, 400, { Message: z.prettifyError(parsed.error) });
    faults.set(parsed.data);
    return reply(res, 204);
  }
  if (action === 'sell') {
    const parsed = SellBody.safeParse(body);
    if (!parsed.success) return reply(res, 400, { Message: z.prettifyError(parsed.error) });
    const t = sim.now();
    sim.advanceTo(t);
    try {
      const s = sim.sell(parsed.data.sessionId, parsed.data.seats);
      return reply(res, 200, sessionAnswer(s, sim, t));
    } catch (err) {
      return reply(res, /^no session/.test((err as Error).message) ? 404 : 409, {
        Message: (err as Error).message,
      });
    }
  }
  reply(res, 404, { Message: `no control "${action}"` });
}
