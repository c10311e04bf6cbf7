/**
 * Burns one core for the contended burst: `node cpu-burner.js MS` spins
 * until MS milliseconds have passed, then exits by itself, so even a bench
 * that dies halfway never leaves it running for long. It also exits when the
 * bench that spawned it goes away (its stdin, a pipe, closes).
 */
const ms = Number(process.argv[2]);
if (!Number.isFinite(ms) || ms <= 0 || ms > 15 * 60_000) {
  process.stderr.write('usage: cpu-burner.js MS (at most 15 minutes)\n');
  process.exit(2);
}
const end = performance.now() + ms;
process.stdin.on('close', () => process.exit(0)).resume();

/** Spins for about 50 ms of wall time, then lets the event loop see stdin. */
function spin(): void {
  const until = Math.min(end, performance.now() + 50);
  let x = 0;
  while (performance.now() < until) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  if (x < 0) process.stdout.write('');
  if (performance.now() < end) setImmediate(spin);
  else process.exit(0);
}
spin();
