import type { Announcement } from '../../main/domain/records.ts';

/** Announcements showing at `now`, highest priority first. */
export function activeAnnouncements(all: Iterable<Announcement>, now: number): Announcement[] {
  return [...all]
    .filter(
      (a) => (!a.startsAt || Date.parse(a.startsAt) <= now) && (!a.endsAt || now < Date.parse(a.endsAt)),
    )
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
}

/** The next instant an announcement starts or ends, for the time driver. */
export function announcementBoundaries(all: Iterable<Announcement>): number[] {
  const out: number[] = [];
  for (const a of all) {
    if (a.startsAt) out.push(Date.parse(a.startsAt));
    if (a.endsAt) out.push(Date.parse(a.endsAt));
  }
  return out;
}
