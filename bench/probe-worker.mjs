// Reads one URL over and over from a child process (its own event loop, so a server that blocks
// its loop cannot also hold back the client's clock) and reports how long each read took.
// Usage: node bench/probe-worker.mjs '<{"url":…,"durationMs":…,"pauseMs":…}>'; prints "ready"
// after the first read, then one JSON line: { count, p50, max } in ms.
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
/* global fetch */

const { url, durationMs, pauseMs } = JSON.parse(process.argv[2] ?? '{}');
const times = [];
const read = async () => {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`probe read answered ${response.status}`);
  return performance.now() - started;
};
await read();
process.stdout.write('ready\n');
const end = performance.now() + durationMs;
while (performance.now() < end) {
  times.push(await read());
  await sleep(pauseMs);
}
times.sort((a, b) => a - b);
const round = (ms) => Math.round(ms * 10) / 10;
process.stdout.write(
  `${JSON.stringify({ count: times.length, p50: round(times[Math.floor(times.length / 2)] ?? NaN), max: round(times.at(-1) ?? NaN) })}\n`,
);
