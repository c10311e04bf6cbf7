import { parseEventId } from '../../main/domain/event-id.ts';

/** The sequence number of an event id (`<epoch>-<seq>` or bare); NaN when it is not one. */
export function seqOf(id: string | undefined): number {
  return (id === undefined ? undefined : parseEventId(id))?.seq ?? NaN;
}

/** The id of event `seq` in the history of a hub or store. */
export function idOf(source: { history: { epoch: string } }, seq: number): string {
  return `${source.history.epoch}-${seq}`;
}
