import type { z } from 'zod';
import { VEEZI_ANSWERS, type VeeziEndpoint } from '../../main/veezi/api-schemas.ts';
import {
  DEFAULT_SIM_TOKEN,
  type VeeziSimServer,
  type VeeziSimServerOptions,
  startVeeziSimServer,
} from '../../main/veezi-sim/server.ts';

export interface SimAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Simulators started on port 0 with a test clock, closed together by `closeAll`. */
export class SimHarness {
  clock: number;
  readonly #servers: VeeziSimServer[] = [];

  constructor(start: number) {
    this.clock = start;
  }

  async start(options: Partial<VeeziSimServerOptions> = {}): Promise<VeeziSimServer> {
    const server = await startVeeziSimServer({ port: 0, seed: 42, now: () => this.clock, ...options });
    this.#servers.push(server);
    return server;
  }

  async closeAll(): Promise<void> {
    for (const s of this.#servers.splice(0)) await s.close();
  }
}

/** GET `path` from a simulator with its token (or `token`, or none when null). */
export async function simGet(
  server: VeeziSimServer,
  path: string,
  token: string | null = DEFAULT_SIM_TOKEN,
): Promise<SimAnswer> {
  const res = await fetch(server.url + path, { headers: token === null ? {} : { VeeziAccessToken: token } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** GET `path` and parse its JSON, failing the test on anything but 200. */
export async function simJson<T = unknown>(server: VeeziSimServer, path: string): Promise<T> {
  const answer = await simGet(server, path);
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
  return JSON.parse(answer.text) as T;
}

/** GETs `path` and parses it with the schema of `endpoint`, so every answer a test reads is checked. */
export async function simRead<E extends VeeziEndpoint>(
  server: VeeziSimServer,
  endpoint: E,
  path: string = endpoint,
): Promise<z.output<(typeof VEEZI_ANSWERS)[E]>> {
  const parsed = VEEZI_ANSWERS[endpoint].safeParse(await simJson(server, path));
  if (!parsed.success) throw new Error(`${path}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  // safeParse of an indexed schema types its data as the union of all answers.
  return parsed.data as z.output<(typeof VEEZI_ANSWERS)[E]>;
}
