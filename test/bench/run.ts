/**
 * `npm run bench`: the benchmarks of issue 7 (method in docs/benchmarks.md).
 *
 *   node dist/bench/test/bench/run.js [--smoke] [--only fanout,burst,burst-contended,replay,replay-flood,startup,board,veezi]
 *                                     [--via auto|relay|admin-api] [--loadgens N] [--out DIR]
 *
 * Prints the tables and writes bench-<mode>-<time>.json and latest-<mode>.json
 * to --out (default bench-results/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SCENARIOS, type ScenarioName, report, runBench } from './bench.ts';
import { FULL, SMOKE } from './config.ts';
import { PACKAGE_ROOT } from './lib/paths.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    via: { type: 'string', default: 'auto' },
    loadgens: { type: 'string', default: '1' },
    out: { type: 'string', default: join(PACKAGE_ROOT, 'bench-results') },
  },
});
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown?.length)
  throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
const via = values.via;
if (via !== 'auto' && via !== 'relay' && via !== 'admin-api')
  throw new Error('--via is auto, relay or admin-api');

const mode = values.smoke ? 'smoke' : 'full';
const results = await runBench({
  config: values.smoke ? SMOKE : FULL,
  mode,
  ...(only && { only: only as ScenarioName[] }),
  via,
  loadgens: Number(values.loadgens),
});
const text = report(results);
process.stdout.write(`${text}\n`);
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `bench-${mode}-${results.startedAt.replace(/[:.]/g, '-')}.json`);
const json = JSON.stringify(
  { ...results, report: text },
  (_k, v: unknown) => (v instanceof Float64Array ? undefined : v),
  2,
);
writeFileSync(file, json);
writeFileSync(join(values.out, `latest-${mode}.json`), json);
process.stderr.write(`results: ${file}\n`);
