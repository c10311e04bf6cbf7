import { HeartbeatAnswer } from '../../main/domain/pairing.ts';
import type { DisplayInfo } from './display.ts';
import { type NowShowing, nowShowing } from './now-showing.ts';

export interface HeartbeatOptions {
  display: DisplayInfo;
  /** The last event the screen applied. */
  lastEventId: () => string | undefined;
  /** The page's address, reported so staff can see what a screen shows. */
  pageUrl: string;
  /** Default `/api/displays/heartbeat`. */
  endpoint?: string;
  /** Default 15 s. */
  intervalMs?: number;
  /** A request that takes longer counts as unreachable. Default 5 s. */
  timeoutMs?: number;
  /** Default `fetch`. */
  fetch?: typeof fetch;
  /** Runs a callback on the next painted frame. Default `requestAnimationFrame`. */
  onFrame?: (callback: () => void) => void;
  /** Hears whether the hub answered at all (any HTTP status counts). Default: nothing. */
  onReachable?: (reachable: boolean) => void;
  /** Hears the hub's answer: the screen's pairing code and assigned name and role. Default: nothing. */
  onAnswer?: (answer: HeartbeatAnswer) => void;
  /** This screen's own clock. Default `Date.now`. */
  now?: () => number;
  /** The hub's clock minus this screen's, to report (`Clock.offsetMs`). Default: not reported. */
  clockOffsetMs?: () => number | undefined;
  /**
   * Hears the hub's `now` from each answer, with when the beat was sent and
   * its answer came, by this screen's clock (`Clock.correct`). Default: nothing.
   */
  onHubTime?: (hubNow: number, sentAt: number, receivedAt: number) => void;
  /** What the screen shows, reported in each beat. Default the page's `nowShowing`. */
  showing?: NowShowing;
  /**
   * A change of page sends a beat early, but never sooner than this after the
   * last one (the hub limits beats per address). Default 5 s.
   */
  earlyGapMs?: number;
}

/** A frame that never comes (hidden window) must not hold the heartbeat back longer than this. */
const FRAME_WAIT_MS = 2_000;

/**
 * Tells the hub every `intervalMs` that this screen is alive and painting:
 * `lastFrameAt` is taken inside an animation frame, so a frozen renderer
 * reports an old time. Failures are silent (the admin's display list may not
 * exist yet); they only feed `onReachable`. Returns a stop function.
 */
export function startHeartbeat(options: HeartbeatOptions): () => void {
  const endpoint = options.endpoint ?? '/api/displays/heartbeat';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const onFrame = options.onFrame ?? ((cb) => requestAnimationFrame(() => cb()));
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const showing = options.showing ?? nowShowing;
  const earlyGapMs = options.earlyGapMs ?? 5_000;
  let lastFrameAt = now();
  let lastBeatAt = -Infinity;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let early: ReturnType<typeof setTimeout> | undefined;

  const send = async () => {
    const { id, role, auditoriumId } = options.display;
    const offset = options.clockOffsetMs?.();
    const page = showing.report(now());
    const body = {
      displayId: id,
      role,
      ...(auditoriumId !== undefined && { auditoriumId }),
      lastEventId: options.lastEventId() ?? null,
      lastFrameAt: new Date(lastFrameAt).toISOString(),
      ...(offset !== undefined && { clockOffsetMs: Math.round(offset) }),
      ...(page !== undefined && { showing: page }),
      url: options.pageUrl,
    };
    const controller = new AbortController();
    const abort = setTimeout(() => controller.abort(), timeoutMs);
    const sentAt = now();
    try {
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const receivedAt = now();
      if (stopped) return;
      options.onReachable?.(true);
      if (res.ok && (options.onHubTime || options.onAnswer)) {
        const answer = HeartbeatAnswer.safeParse(await res.json().catch(() => undefined));
        if (!answer.success || stopped) return;
        if (answer.data.now !== undefined)
          options.onHubTime?.(Date.parse(answer.data.now), sentAt, receivedAt);
        options.onAnswer?.(answer.data);
      }
    } catch {
      if (!stopped) options.onReachable?.(false);
    } finally {
      clearTimeout(abort);
    }
  };

  const beat = () => {
    clearTimeout(early);
    clearTimeout(timer);
    early = undefined;
    lastBeatAt = now();
    let sent = false;
    const go = () => {
      if (sent || stopped) return;
      sent = true;
      void send();
    };
    onFrame(() => {
      lastFrameAt = now();
      go();
    });
    setTimeout(go, FRAME_WAIT_MS);
    timer = setTimeout(beat, options.intervalMs ?? 15_000);
  };
  const stopHearing = showing.onChange(() => {
    if (stopped || early !== undefined) return;
    early = setTimeout(beat, Math.max(0, lastBeatAt + earlyGapMs - now()));
  });
  beat();
  return () => {
    stopped = true;
    stopHearing();
    clearTimeout(timer);
    clearTimeout(early);
  };
}
