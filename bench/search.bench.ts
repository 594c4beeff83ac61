/**
 * `npm run bench -- search`: FHIR search on 100,000 stored Observations (token, date range) and
 * 100-entry transaction Bundles, beside the anchor (a bare Hono route on the same
 * @hono/node-server, same run). The Observations are seeded through `store.commit` in units of
 * 1,000 writes, not over HTTP. Load: autocannon in a child process on loopback, BENCH_SECONDS
 * per case (default 5). Compare ratios to the anchor, not absolute numbers.
 */
import type { ResourceStore } from '../src/storage/port.js';
import { withBenchServer } from './bench-server.js';
import { loadFromChild, type LoadResult } from './child-load.js';
import { OBSERVATION_COUNT, seedObservations, transactionBody } from './search-data.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

interface Case {
  label: string;
  path: string;
  method?: string;
  body?: string;
  /** Resources written per request (for the transaction case). */
  perRequest?: number;
}

export default async function search(): Promise<void> {
  const seed = async (store: ResourceStore) => {
    const started = performance.now();
    await seedObservations(store);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`seeded ${OBSERVATION_COUNT} Observations (+ index rows) via store.commit in ${seconds} s`);
  };
  const anchorBody = { resourceType: 'Bundle', type: 'searchset', total: 0 };
  await withBenchServer({ anchorBody, maxBodyBytes: 4 * 1024 * 1024, prepare: seed }, runCases);
}

async function runCases(origin: string): Promise<void> {
  const cases: Case[] = [
    { label: 'anchor: bare Hono GET, fixed JSON', path: '/anchor' },
    {
      label: 'token: Observation?code=loinc|8302-2',
      path: `/fhir/Observation?code=${encodeURIComponent('http://loinc.org|8302-2')}`,
    },
    { label: 'date range: one week', path: '/fhir/Observation?date=ge2025-03-01&date=lt2025-03-08' },
    {
      label: 'token + date, _total=none',
      path: `/fhir/Observation?code=${encodeURIComponent('http://loinc.org|29463-7')}&date=ge2025-06&date=lt2025-07&_total=none`,
    },
    { label: 'transaction: 100 entries', path: '/fhir', method: 'POST', body: transactionBody(100), perRequest: 100 },
  ];
  await check(origin, cases);
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${SECONDS} s per case, own child process, loopback; p95 from every response time`,
  );
  let anchorRps = NaN;
  for (const c of cases) {
    const r = await load(origin, c);
    if (Number.isNaN(anchorRps)) anchorRps = r.rps;
    const extra = c.perRequest ? `  = ${(r.rps * c.perRequest).toFixed(0)} resources/s` : '';
    console.log(
      `${c.label.padEnd(44)} ${r.rps.toFixed(1).padStart(8)} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  ` +
        `anchor/this ${(anchorRps / r.rps).toFixed(1)}${extra}${r.failed ? `  (${r.failed} failed responses!)` : ''}`,
    );
  }
}

/** One request per case first, so a broken case fails loudly instead of measuring errors. */
async function check(origin: string, cases: readonly Case[]): Promise<void> {
  for (const c of cases) {
    const response = await fetch(`${origin}${c.path}`, {
      method: c.method ?? 'GET',
      headers: FHIR_JSON,
      ...(c.body ? { body: c.body } : {}),
    });
    const body = (await response.json()) as fhir4.Bundle;
    if (response.status !== 200) throw new Error(`${c.label}: HTTP ${response.status} ${JSON.stringify(body)}`);
    if (c.path.includes('?'))
      console.log(`${c.label}: total ${body.total ?? '(not counted)'}, ${body.entry?.length ?? 0} on the first page`);
  }
}

function load(origin: string, c: Case): Promise<LoadResult> {
  return loadFromChild({
    url: `${origin}${c.path}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
    method: c.method ?? 'GET',
    headers: FHIR_JSON,
    ...(c.body ? { body: c.body } : {}),
  });
}
