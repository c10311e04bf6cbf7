import type { Actor, AuditInput, AuditTarget } from '../domain/audit.ts';
import type { Announcement } from '../domain/records.ts';
import type { Effect } from './apply-change.ts';

export const UPSTREAM_ACTOR: Actor = { kind: 'system', id: 'upstream', name: 'upstream feed' };

/** True for a change that posts or edits an urgent announcement. */
export const isUrgentPost = (effect: NonNullable<Effect>): boolean =>
  effect.type === 'announcement.upsert' && (effect.data as Announcement).urgent === true;

/**
 * The audit entry for urgent announcements an upstream posted or changed, or
 * `undefined` when there were none. Feed writes are not audited otherwise;
 * these take over every screen, so staff must see who posted them.
 */
export function upstreamUrgentAudit(
  targets: readonly AuditTarget[],
): (AuditInput & { targets: AuditTarget[] }) | undefined {
  if (targets.length === 0) return undefined;
  return {
    actor: UPSTREAM_ACTOR,
    action: 'announcement.urgent',
    summary: `The upstream feed posted urgent announcement(s) ${targets.map((t) => t.id).join(', ')}`,
    targets: [...targets],
  };
}
