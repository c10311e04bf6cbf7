import type { Page } from 'playwright-core';

export interface LayoutReport {
  viewport: { width: number; height: number };
  /** Visible text runs checked. */
  texts: number;
  /** Smallest visible font size, px. */
  minFontPx: number;
  issues: string[];
}

/**
 * Measures what a visitor sees, in the page: the document must not scroll;
 * every visible text run must sit inside the viewport and inside every
 * clipping ancestor (a ticker's moving line counts only where its window
 * shows it); no two text runs may overlap; no text may be smaller than
 * `minFontRatio` of the short side. Hidden pages and the off-screen
 * measuring copies are skipped by their computed visibility and opacity.
 */
export function checkLayout(page: Page, minFontRatio = 0.02): Promise<LayoutReport> {
  return page.evaluate((ratio) => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const issues: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > vw || doc.scrollHeight > vh) {
      issues.push(`document scrolls: ${doc.scrollWidth}×${doc.scrollHeight} in ${vw}×${vh}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const cs = getComputedStyle(el);
      const scrollable = /(auto|scroll)/.test(cs.overflowX + cs.overflowY);
      if (scrollable && (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth)) {
        issues.push(`scroll bar on <${el.tagName.toLowerCase()} class="${el.className}">`);
      }
    }

    const visible = (el: Element): boolean => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) < 0.05) return false;
      }
      return true;
    };
    type Box = { left: number; top: number; right: number; bottom: number };
    const clipOf = (el: Element): Box => {
      let box: Box = { left: 0, top: 0, right: vw, bottom: vh };
      for (let a = el.parentElement; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
          const r = a.getBoundingClientRect();
          box = {
            left: Math.max(box.left, r.left),
            top: Math.max(box.top, r.top),
            right: Math.min(box.right, r.right),
            bottom: Math.min(box.bottom, r.bottom),
          };
        }
      }
      return box;
    };
    const label = (s: string) => JSON.stringify(s.trim().slice(0, 40));

    const runs: { box: Box; text: string; node: Node }[] = [];
    let minFontPx = Infinity;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const el = node.parentElement;
      if (!text.trim() || !el || !visible(el)) continue;
      const font = parseFloat(getComputedStyle(el).fontSize);
      minFontPx = Math.min(minFontPx, font);
      if (font < ratio * Math.min(vw, vh) - 0.01) issues.push(`${font}px text ${label(text)}`);
      const scrolling = el.closest('[data-scroll]') !== null;
      const clip = clipOf(el);
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width < 0.5 || r.height < 0.5) continue;
        // Glyphs fill about one em around the middle of the line box.
        const mid = (r.top + r.bottom) / 2;
        let box: Box = { left: r.left, right: r.right, top: mid - font / 2, bottom: mid + font / 2 };
        if (scrolling) {
          box = {
            left: Math.max(box.left, clip.left),
            right: Math.min(box.right, clip.right),
            top: box.top,
            bottom: box.bottom,
          };
          if (box.right <= box.left) continue;
        } else if (
          box.left < clip.left - 0.5 ||
          box.right > clip.right + 0.5 ||
          box.top < clip.top - 0.5 ||
          box.bottom > clip.bottom + 0.5
        ) {
          issues.push(`clipped or off screen: ${label(text)} at ${Math.round(r.left)},${Math.round(r.top)}`);
        }
        runs.push({ box, text, node });
      }
    }
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const a = runs[i]!;
        const b = runs[j]!;
        if (a.node === b.node) continue;
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 1 && h > 1) issues.push(`overlap: ${label(a.text)} and ${label(b.text)}`);
      }
    }
    for (const img of document.querySelectorAll('img')) {
      if (!visible(img)) continue;
      const r = img.getBoundingClientRect();
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) {
        issues.push(`image off screen: ${img.getAttribute('src')}`);
      }
    }
    return { viewport: { width: vw, height: vh }, texts: runs.length, minFontPx, issues };
  }, minFontRatio);
}
