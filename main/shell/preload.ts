// Sandboxed preload: no Node, only `electron`'s renderer modules. Built to
// CommonJS (dist/main/shell/preload.cjs) by scripts/build-preload.js, which
// inlines the display reader. It exposes exactly `window.marquee.display`.
import { contextBridge } from 'electron';
import { type MarqueeBridge, readDisplayArgument } from './kiosk-display.ts';

const display = readDisplayArgument(process.argv);
if (display) {
  const bridge: MarqueeBridge = Object.freeze({ display: Object.freeze(display) });
  contextBridge.exposeInMainWorld('marquee', bridge);
}
