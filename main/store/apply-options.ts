import type { AuditInput, AuditTarget } from '../domain/audit.ts';
import type { Source } from '../domain/primitives.ts';
import type { UndoStep } from '../domain/undo.ts';
import type { Effect } from './apply-change.ts';
import type { LoggedEvent } from './event-log.ts';
import type { ScheduleRuleOptions } from './schedule-rules.ts';

/** How `Store.apply` treats a batch of changes. */
export interface ApplyOptions {
  /** Who makes the change. Default `local`. */
  origin?: Source;
  /**
   * Optimistic locking for admin writes: an upsert with `version` must match
   * the stored one, and one without must create a new record. Default false.
   */
  checkVersions?: boolean;
  /** Upstream event id to record in the same transaction, for resume after restart. */
  upstreamId?: string;
  /** Other meta keys to write in the same transaction. */
  meta?: Readonly<Record<string, string>>;
  /** Enforce staff schedule rules (overlap, future start) on showtime writes. Default: off, as for the feed. */
  schedule?: ScheduleRuleOptions;
  /** Record the write in the audit log, in the same transaction. Default: not audited (feed writes). */
  audit?: AuditInput;
  /**
   * Check every change and, if any breaks a rule, throw one `BatchRejectedError`
   * listing them all instead of stopping at the first. Nothing is applied
   * either way. Default false.
   */
  reportAll?: boolean;
  /** Run every check, then roll back: nothing is written and nobody is told. Default false. */
  dryRun?: boolean;
  /** Hears, after the commit, what the store did to a change on its own (formats moved off a film). Default: nobody. */
  onNotice?: (line: string) => void;
}

/** What a unit of work inside the store's one write transaction produced. */
export interface Work {
  effects: NonNullable<Effect>[];
  targets: AuditTarget[];
  /** What undoing the audited write needs, kept in its audit entry; absent when it cannot be undone. */
  undo?: UndoStep[];
  /** Runs inside the transaction once the effects are logged (`seq`: the newest), e.g. to save an answer naming them. */
  afterLog?: (logged: readonly LoggedEvent[], seq: number) => void;
  /** An audit entry the work writes itself, instead of the caller's `audit` over every target. */
  audit?: (AuditInput & { targets: AuditTarget[] }) | undefined;
}

export type CommitOptions = Pick<ApplyOptions, 'upstreamId' | 'meta' | 'audit' | 'dryRun'>;

/** Thrown inside the write transaction to roll a dry run back; carries what would have been logged. */
export class DryRun extends Error {
  constructor(readonly events: LoggedEvent[]) {
    super('dry run');
  }
}
