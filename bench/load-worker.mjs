// Runs autocannon in a child process (so load generation does not share the server's event
// loop) and reports requests/s and latency percentiles, p95 included, computed from every
// response time autocannon reports. Plain JS so that the child needs no TypeScript loader.
// Usage: node bench/load-worker.mjs '<autocannon options as JSON>'; prints one JSON line.
import autocannon from 'autocannon';
import process from 'node:process';

const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

// `histogramOnly`: percentiles from autocannon's own histogram (p50, p99; no p95) and no listener
// per response, which costs the load generator a third of its rate against a fast route.
const { histogramOnly, ...options } = JSON.parse(process.argv[2] ?? '{}');
const times = [];
const instance = autocannon(options, (error, result) => {
  if (error) {
    print({ error: String(error) });
    return;
  }
  times.sort((a, b) => a - b);
  const pick = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : NaN);
  print({
    rps: result.requests.average,
    p50: histogramOnly ? result.latency.p50 : pick(0.5),
    p95: histogramOnly ? NaN : pick(0.95),
    p99: histogramOnly ? result.latency.p99 : pick(0.99),
    failed: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  });
});
if (!histogramOnly) instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
