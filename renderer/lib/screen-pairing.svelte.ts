import type { HeartbeatAnswer, ScreenAssignment } from '../../main/domain/pairing.ts';

/** What the hub's heartbeat answers told this screen: its pairing code, and the name and role staff gave it. */
export class ScreenPairing {
  /** Shown in a corner badge while pairing mode is on and the screen has no name. */
  code = $state<string | undefined>();
  assigned = $state<ScreenAssignment | null>(null);

  hear(answer: HeartbeatAnswer): void {
    this.code = answer.pairingCode;
    // A hub from before pairing says nothing: keep what is known.
    if (answer.assigned !== undefined) this.assigned = answer.assigned;
  }
}
