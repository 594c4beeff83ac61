/**
 * A non-FHIR register as a destination (decision 035): each accepted visit reaches it as the
 * JSON record the reverse of `mappings/visit-to-fhir.map.json` makes, POSTed with an
 * Idempotency-Key naming the version. The local gateway is the real server (ingest over HTTP);
 * the dispatcher runs in the test process with msw standing for the register, which we cannot
 * run: it refuses the first call with a 503, and the retry carries the same key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDestinations } from '../../src/exchange/destinations.js';
import { createFhirDispatcher } from '../../src/exchange/fhir-dispatcher.js';
import { createSqlOutboxQueue } from '../../src/exchange/sql-outbox-queue.js';
import { readMappingSources } from '../../src/entry/mapping-files.js';
import { guideConceptMaps } from '../../src/mapping/dictionaries.js';
import { loadMappings } from '../../src/mapping/load-mappings.js';
import { openBetterSqlite3 } from '../../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { startGateway, type GatewayProcess } from './exchange-helpers.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
const REGISTER = 'http://register.test/visits';
const visits = JSON.parse(readFileSync('test/fixtures/shared-samples/visits.json', 'utf8')) as Record<
  string,
  unknown
>[];
const DESTINATIONS = JSON.stringify([
  {
    name: 'visit-register',
    kind: 'json',
    url: REGISTER,
    mapping: 'visit-to-fhir',
    resourceTypes: ['Encounter'],
    backoffBaseMs: 1,
    backoffMaxMs: 2,
  },
]);

interface Received {
  key: string | null;
  record: Record<string, unknown>;
}
const received: Received[] = [];
let refusals = 1;
const mock = setupServer(
  http.post(REGISTER, async ({ request }) => {
    const key = request.headers.get('idempotency-key');
    const record = (await request.json()) as Record<string, unknown>;
    if (refusals > 0) {
      refusals--;
      received.push({ key, record: { refused: true } });
      return new HttpResponse(null, { status: 503 });
    }
    received.push({ key, record });
    return HttpResponse.json({ accepted: true }, { status: 201 });
  }),
);

let dir: string;
let local: GatewayProcess;
let driver: ReturnType<typeof openBetterSqlite3>;

beforeAll(async () => {
  mock.listen({ onUnhandledRequest: 'bypass' });
  dir = mkdtempSync(join(tmpdir(), 'exchange-json-'));
  local = await startGateway(join(dir, 'local.sqlite'), {
    EXCHANGE_DESTINATIONS: DESTINATIONS,
    EXCHANGE_DISPATCH_IN_SERVER: 'false',
  });
  driver = openBetterSqlite3({ path: join(dir, 'local.sqlite'), migrationsDir: MIGRATIONS, writerThread: false });
});

afterAll(async () => {
  mock.close();
  driver?.close();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a JSON register fed by a reverse mapping', () => {
  it('receives each ingested visit once, as the local record it came from, after a refused first call', async () => {
    const sent = visits.slice(0, 3);
    const root = local.baseUrl.replace(/\/fhir$/, '');
    const ingest = await fetch(`${root}/ingest/visits`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(sent),
    });
    expect(ingest.status).toBe(200);
    const queue = createSqlOutboxQueue(driver);
    const dispatcher = createFhirDispatcher(
      'test',
      queue,
      createSqlResourceStore(driver),
      parseDestinations({ EXCHANGE_DESTINATIONS: DESTINATIONS }),
      loadMappings(readMappingSources(), guideConceptMaps()),
    );
    for (let round = 0; round < 100 && (await queue.list({ state: 'pending' }, 100)).length > 0; round++) {
      await dispatcher.drain();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const rows = await queue.list({}, 100);
    expect(rows.map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);
    const accepted = received.filter((r) => !r.record.refused);
    expect(accepted).toHaveLength(3);
    // The refused call's retry carried the key the refused call had.
    const refused = received.find((r) => r.record.refused)!;
    expect(accepted.map((r) => r.key)).toContain(refused.key);
    expect(new Set(accepted.map((r) => r.key)).size).toBe(3);
    for (const visit of sent) {
      const record = accepted.find((r) => r.record.record_id === visit.record_id)?.record;
      expect(record, String(visit.record_id)).toBeDefined();
      expect(record!.child).toMatchObject({ iin: (visit.child as { iin: string }).iin });
      expect(record!.vizit).toMatchObject({
        kod: (visit.vizit as { kod: string }).kod,
        data: (visit.vizit as { data: string }).data,
      });
      expect(record!.izmereniya).toMatchObject({ ves_g: (visit.izmereniya as { ves_g: number }).ves_g });
    }
  });
});
