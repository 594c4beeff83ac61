/**
 * The generative fuzz suite of issue 17: JSON syntax, type confusion, HTTP-level abuse and
 * Bundles, sent to the real Node server. After every case: the answer is well formed (never a
 * 5xx, every error an OperationOutcome), a rejected request stored nothing (row counts of every
 * table), no built-in prototype of the server process changed (a sentinel preloaded into it
 * reports any change), and the server's RSS stays under 512 MB.
 *
 * `npm test` runs FUZZ_CASES (default 40) cases per category; `npm run fuzz -- --cases N` any
 * number, and `--seed S` replays a failing run.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../runtime/node-server.js';
import { countAllRows, expectServerStillWorks, startHostileServer } from '../harness.js';
import { bundleRequests } from './bundles.js';
import { expectWellFormedAnswer, sendFuzz, type FuzzRequest } from './fuzz-request.js';
import { httpAbuseRequests } from './http-abuse.js';
import { jsonSyntaxRequests } from './json-syntax.js';
import { typeConfusionRequests } from './type-confusion.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? 40);
const SEED = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;
const RSS_LIMIT_BYTES = 512 * 1024 * 1024;
const SENTINEL = new URL('./prototype-sentinel.mjs', import.meta.url).href;

let server: RunningServer;
let peakRss = 0;

beforeAll(async () => {
  server = await startHostileServer({}, { preload: [SENTINEL] });
});
afterAll(async () => {
  await server?.stop();
});

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

async function checkCase(request: FuzzRequest): Promise<void> {
  const before = countAllRows(server);
  const answer = await sendFuzz(server, request);
  expectWellFormedAnswer(request, answer);
  if (answer.status >= 400 || answer.status === 0) {
    expect(countAllRows(server), `${request.label}: a rejected request stored something`).toEqual(before);
  }
  expect(server.output()).not.toContain('PROTOTYPE-SENTINEL');
  peakRss = Math.max(peakRss, rssOf(server.pid));
}

const CATEGORIES: [string, fc.Arbitrary<FuzzRequest>][] = [
  ['JSON syntax', jsonSyntaxRequests],
  ['type confusion', typeConfusionRequests],
  ['HTTP-level abuse', httpAbuseRequests],
  ['transaction and batch Bundles', bundleRequests],
];

describe('fuzz: the server answers every hostile request with a 4xx or a valid result, and stays whole', () => {
  for (const [name, requests] of CATEGORIES) {
    it(`${name}: ${CASES} generated requests`, { timeout: 60_000 + CASES * 2_000 }, async () => {
      await fc.assert(fc.asyncProperty(requests, checkCase), {
        numRuns: CASES,
        ...(SEED !== undefined ? { seed: SEED } : {}),
        endOnFailure: true,
      });
      await expectServerStillWorks(server);
    });
  }

  it('kept the server under 512 MB of RSS through the run', () => {
    expect(peakRss).toBeGreaterThan(0);
    expect(peakRss).toBeLessThan(RSS_LIMIT_BYTES);
  });
});
