import { httpJson } from './http-client.ts';

/**
 * What a hub puts before the sequence number in its event ids: `<epoch>-`
 * when `/api/snapshot` names the history's epoch, nothing for a build from
 * before epochs (so one bench measures both, before and after a change).
 */
export async function eventIdPrefix(url: string): Promise<string> {
  const res = await httpJson<{ epoch?: unknown }>(`${url}/api/snapshot`);
  return typeof res.json.epoch === 'string' ? `${res.json.epoch}-` : '';
}

/** The sequence number of an event id, with or without an epoch; NaN when there is none. */
export function seqOfId(id: string | undefined): number {
  if (id === undefined) return NaN;
  const m = /(?:^|-)(\d{1,15})$/.exec(id);
  return m ? Number(m[1]) : NaN;
}
