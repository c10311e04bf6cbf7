/**
 * Where a seat sale's time goes on the board: the board scenario's venue and
 * page, then `--events` sales a quarter second apart under a Chromium trace
 * (devtools.timeline) and a CPU profile. Prints, per sale, the main thread's
 * time by trace event (style recalcs with the elements they touched, layouts
 * with their dirty objects), the DOM mutations it caused and in how many
 * chips, and the script functions with the most self time.
 *
 *   npm run build && tsc -p test/bench/tsconfig.json && node dist/bench/test/bench/profile-board.js [--events 40]
 *
 * A diagnosis tool, not a target: `npm run bench -- --only board` is the figure.
 */
import { parseArgs } from 'node:util';
import { sleep } from './lib/clock.ts';
import { boardBench, instrument } from './scenarios/board.ts';

const GAP_MS = 250;
const SCREENS = 20;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '40' },
    showtimes: { type: 'string', default: '300' },
    /** The same span with no sales: what the board costs anyway. */
    idle: { type: 'boolean', default: false },
  },
});
const events = Number(values.events);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: {
    name?: string;
    elementCount?: number;
    beginData?: { dirtyObjects?: number; totalObjects?: number };
    data?: { type?: string };
  };
}

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface MutationWindow {
  __mutations: { records: number; chips: Set<string>; outside: Set<string> };
}

const { hub, browser, close } = await boardBench(Number(values.showtimes));
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(instrument);
  await page.goto(`${hub.server.url}/`);
  await page.waitForSelector('[data-showtime]');
  await sleep(3_000);
  await page.evaluate(() => {
    const w = window as unknown as MutationWindow;
    w.__mutations = { records: 0, chips: new Set(), outside: new Set() };
    new MutationObserver((records) => {
      for (const r of records) {
        w.__mutations.records++;
        const target = r.target instanceof Element ? r.target : r.target.parentElement;
        const chip = target?.closest<HTMLElement>('[data-showtime]');
        if (chip && !chip.closest('[data-measure]')) w.__mutations.chips.add(chip.dataset['showtime']!);
        else w.__mutations.outside.add(`${target?.tagName ?? '?'}.${target?.className ?? ''}`);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'],
  });
  await cdp.send('Profiler.start');
  for (let i = 0; i < events; i++) {
    if (!values.idle) await hub.sell((i % 5) * SCREENS);
    await sleep(GAP_MS);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const mutations = await page.evaluate(() => {
    const m = (window as unknown as MutationWindow).__mutations;
    return { records: m.records, chips: [...m.chips], outside: [...m.outside] };
  });

  const main = trace.traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = trace.traceEvents.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const byName = new Map<string, { ms: number; count: number; elements: number; dirty: number }>();
  for (const e of onMain) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const name = e.name === 'EventDispatch' ? `EventDispatch:${e.args?.data?.type ?? '?'}` : e.name;
    const row = byName.get(name) ?? { ms: 0, count: 0, elements: 0, dirty: 0 };
    row.ms += e.dur / 1000;
    row.count++;
    row.elements += e.args?.elementCount ?? 0;
    row.dirty += e.args?.beginData?.dirtyObjects ?? 0;
    byName.set(name, row);
  }
  console.log(
    `${events} sales; per sale (main thread, trace events overlap: a parent includes its children):`,
  );
  for (const [name, r] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    const extra = `${r.elements ? ` elements ${(r.elements / r.count).toFixed(0)}/run` : ''}${r.dirty ? ` dirty ${(r.dirty / r.count).toFixed(0)}/run` : ''}`;
    console.log(
      `  ${name.padEnd(36)} ${(r.ms / events).toFixed(3)} ms  ${(r.count / events).toFixed(1)} runs${extra}`,
    );
  }
  // How many elements each style recalc touched: a sale should restyle a few, a language turn many.
  const recalcs = onMain
    .filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X')
    .map((e) => e.args?.elementCount ?? 0);
  const sizes = new Map<number, number>();
  for (const n of recalcs) sizes.set(n, (sizes.get(n) ?? 0) + 1);
  console.log(
    `style recalcs by elements touched (elements×times): ${[...sizes]
      .sort((a, b) => a[0] - b[0])
      .map(([n, c]) => `${n}×${c}`)
      .join(' ')}`,
  );
  console.log(
    `mutations: ${(mutations.records / events).toFixed(1)} per sale; chips changed ${mutations.chips.length}; outside chips: ${mutations.outside.slice(0, 12).join(', ') || 'none'}`,
  );

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}:${columnNumber + 1}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  console.log('script self time per sale:');
  for (const [key, us] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(us / 1000 / events).toFixed(3)} ms  ${key}`);

  // Total time: a sample counts for every function on its stack (once each).
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let n = byId.get(id); n; n = parent.get(n.id)) {
      const { functionName, url, lineNumber } = n.callFrame;
      if (!url.includes('/assets/')) continue;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  console.log("script total time per sale (the page's own functions):");
  for (const [key, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${(us / 1000 / events).toFixed(3)} ms  ${key}`);
} finally {
  await close();
}
