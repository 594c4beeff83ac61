/**
 * `npm run fuzz -- --cases N [--seed S]`: runs the generative fuzz suite (test/hostile/fuzz) with
 * N cases per category (default 1,000) against the real Node server.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '1000' }, seed: { type: 'string' } },
});
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) {
  console.error('--cases takes a whole number of at least 1');
  process.exit(2);
}
const result = spawnSync('npx', ['vitest', 'run', '--project', 'node', 'test/hostile/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_CASES: String(cases), ...(values.seed ? { FUZZ_SEED: values.seed } : {}) },
});
process.exit(result.status ?? 1);
