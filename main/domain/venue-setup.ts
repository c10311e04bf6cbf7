/**
 * Whether a venue is ready for the public. A new database gets a placeholder
 * venue (`DEFAULT_VENUE_NAME`, the machine's time zone, version 1); public
 * screens show a neutral holding screen until it is set. "Set" means: the
 * venue record has been written since it was created (staff saved it, which
 * always sends a name and a time zone, or an upstream feed or the demo sent
 * one), and its name is not the placeholder. Pure.
 */

/** The name a new database's venue gets. */
export const DEFAULT_VENUE_NAME = 'My Venue';

/** The version a venue row has on creation, before anyone wrote it. */
const FIRST_VERSION = 1;

export function venueIsSet(venue: { name: string; version?: number | undefined }): boolean {
  if (venue.name.trim() === '' || venue.name === DEFAULT_VENUE_NAME) return false;
  return venue.version === undefined || venue.version > FIRST_VERSION;
}
