/**
 * Urgent announcements take over every screen (an evacuation, an alarm test),
 * so they are short enough to read from 10 m and never stay up by mistake.
 */

/** Characters per language, so the text reads from 10 m. */
export const URGENT_TEXT_MAX = 140;
/** An urgent announcement ends at most this long after it starts showing. */
export const URGENT_MAX_MINUTES = 120;

const MINUTE = 60_000;

interface UrgentFields {
  readonly text: string;
  readonly texts?: Readonly<Record<string, string>> | undefined;
  readonly startsAt?: string | undefined;
  readonly endsAt?: string | undefined;
  readonly urgent?: boolean | undefined;
}

/** When an announcement posted at `postedAt` starts showing: its `startsAt`, or at once. */
const shownFrom = (a: UrgentFields, postedAt: number) =>
  Math.max(postedAt, a.startsAt === undefined ? postedAt : Date.parse(a.startsAt));

/**
 * The end an urgent announcement gets when it gives none: the one it already
 * had (a repeat of the same announcement does not extend it), else two hours
 * after it starts showing.
 */
export function urgentEndsAt(a: UrgentFields, postedAt: number, before?: UrgentFields): string | undefined {
  if (!a.urgent || a.endsAt !== undefined) return a.endsAt;
  if (before?.urgent && before.endsAt !== undefined) return before.endsAt;
  return new Date(shownFrom(a, postedAt) + URGENT_MAX_MINUTES * MINUTE).toISOString();
}

/** What staff may not post as urgent, by field: over-long text, or an end more than 2 h after it shows. */
export function urgentProblems(a: UrgentFields, postedAt: number): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!a.urgent) return problems;
  const long = `an urgent announcement is at most ${URGENT_TEXT_MAX} characters per language, to read from 10 m`;
  if ([...a.text].length > URGENT_TEXT_MAX) problems['text'] = long;
  for (const [locale, t] of Object.entries(a.texts ?? {}))
    if ([...t].length > URGENT_TEXT_MAX) problems[`texts.${locale}`] = long;
  if (a.endsAt !== undefined && Date.parse(a.endsAt) > shownFrom(a, postedAt) + URGENT_MAX_MINUTES * MINUTE) {
    problems['endsAt'] =
      `an urgent announcement ends at most ${URGENT_MAX_MINUTES / 60} hours after it starts showing; ` +
      'leave endsAt out for that, or post a normal announcement';
  }
  return problems;
}
