/**
 * Shrinks the CSS variable `--fit` on `box`, from 1 down to `min`, until its
 * content no longer overflows it; styles scale their sizes by `--fit`. A
 * binary search: a handful of layouts, done once per change, not per frame.
 * Returns the scale chosen.
 */
export function fitInside(box: HTMLElement, min = 0.3): number {
  const overflows = () => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
  const set = (fit: number) => box.style.setProperty('--fit', fit.toFixed(3));
  set(1);
  if (!overflows()) return 1;
  let lo = min;
  let hi = 1;
  for (let i = 0; i < 7; i++) {
    const mid = (lo + hi) / 2;
    set(mid);
    if (overflows()) hi = mid;
    else lo = mid;
  }
  set(lo);
  return lo;
}
