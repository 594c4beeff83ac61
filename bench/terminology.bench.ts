/**
 * `npm run bench -- terminology`: requests per second of the terminology operations on the real
 * gateway (createGateway over a SQLite file, as `npm start` builds it) beside the anchor served
 * by the same server in the same run: a bare Hono route answering a fixed JSON body of the same
 * kind (the guide's danger-sign ValueSet). Load from autocannon in a child process for
 * BENCH_SECONDS (default 5). Compare the ratios, not the numbers.
 */
import { withBenchServer } from './bench-server.js';
import { loadFromChild } from './child-load.js';
import { igResources } from '../src/ig/ig-resources.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const DANGER_SIGN_VS = igResources().find((r) => r.resourceType === 'ValueSet' && r.id === 'danger-sign')!;
const DANGER_SIGN_CS = 'https://fhir.patronage.kz/CodeSystem/danger-sign';

const CASES: [label: string, path: string][] = [
  ['anchor: bare Hono GET, fixed JSON', '/anchor'],
  ['$expand danger-sign, displayLanguage=ru', `/fhir/ValueSet/danger-sign/$expand?displayLanguage=ru`],
  [
    '$expand by url with a text filter',
    `/fhir/ValueSet/$expand?url=${encodeURIComponent(DANGER_SIGN_VS.url)}&filter=fe`,
  ],
  [
    '$validate-code code+system',
    `/fhir/ValueSet/danger-sign/$validate-code?system=${encodeURIComponent(DANGER_SIGN_CS)}&code=fever`,
  ],
  ['$lookup with designations', `/fhir/CodeSystem/$lookup?system=${encodeURIComponent(DANGER_SIGN_CS)}&code=fever`],
  [
    '$translate through every map (reads stored maps)',
    `/fhir/ConceptMap/$translate?system=${encodeURIComponent('https://fhir.patronage.kz/mis-dictionary/pol')}&code=${encodeURIComponent('ж')}`,
  ],
  // Again at the end: how far the machine drifted during the run (it is shared).
  ['anchor again', '/anchor'],
];

export default async function terminology(): Promise<void> {
  await withBenchServer({ anchorBody: DANGER_SIGN_VS, maxBodyBytes: 1024 * 1024 }, async (origin) => {
    let anchorRps = 0;
    for (const [label, path] of CASES) {
      const result = await loadFromChild({
        url: `${origin}${path}`,
        connections: CONNECTIONS,
        seconds: SECONDS,
        histogramOnly: true,
      });
      if (path === '/anchor' && anchorRps === 0) anchorRps = result.rps;
      const ratio =
        anchorRps > 0 && path !== '/anchor' ? `  (${((result.rps / anchorRps) * 100).toFixed(0)}% of anchor)` : '';
      const failed = result.failed > 0 ? `  FAILED ${result.failed}/${result.total}` : '';
      console.log(
        `${label.padEnd(52)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50} ms${ratio}${failed}`,
      );
    }
  });
}
