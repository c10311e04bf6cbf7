import type { Attachment } from 'svelte/attachments';
import { FLASH_MS } from '../lib/feed-store.svelte.ts';

const FADE: Keyframe[] = [{ opacity: 1 }, { opacity: 0.35, offset: 0.6 }, { opacity: 0 }];
/** With less motion, the highlight (a plain ring then, see ShowtimeChip) just stays while it lasts. */
const HOLD: Keyframe[] = [{ opacity: 1 }, { opacity: 1 }];
const lessMotion =
  typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;

/**
 * Plays a chip's highlight for a change at `at` on its glow, an element that
 * is always there at opacity 0. Only the opacity is animated: no element
 * comes or goes, so a seat sale needs no layout, and the compositor runs the
 * fade without a style pass per frame. A new change restarts it.
 */
export function highlight(at: number | undefined): Attachment<HTMLElement> {
  return (glow) => {
    if (at === undefined) return;
    const animation = glow.animate(lessMotion?.matches ? HOLD : FADE, {
      duration: FLASH_MS,
      easing: 'ease-out',
    });
    return () => animation.cancel();
  };
}
