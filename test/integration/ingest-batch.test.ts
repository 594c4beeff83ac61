/**
 * A 1,000-record batch over HTTP on the real Node server: its JSON body is streamed (the server's
 * body limit is set far below the batch and applies to each record), posting it twice leaves the
 * database byte for byte as posting it once, and two clients posting another batch at once create
 * no duplicate child, mother, nurse, polyclinic or visit.
 */
import Database from 'better-sqlite3';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { syntheticVisits } from '../fixtures/synthetic-visits.js';
import { digestAllRows } from '../hostile/harness.js';
import { useNodeServer } from './fhir-client.js';

const RECORDS = 1_000;

type Identifier = { system?: string; value?: string };
const IIN = 'https://fhir.patronage.kz/sid/iin';
/** Far below the batch (about 1.5 MB) and above any one record (under 2 KB). */
const BODY_LIMIT = 64 * 1024;

interface Report {
  summary: Record<'records' | 'created' | 'updated' | 'unchanged' | 'rejected', number>;
}

describe(`ingest of a ${RECORDS}-record batch`, { timeout: 600_000 }, () => {
  const served = useNodeServer({ MAX_BODY_BYTES: String(BODY_LIMIT), LOAD_DEMO_DATA: 'false' });

  /**
   * Posts a batch with `node:http`, which sets no time limit on the answer: `fetch` gives up after
   * five minutes without response headers, which a loaded machine can take for 1,000 records.
   */
  function post(body: string): Promise<Report> {
    const url = new URL(served.server.baseUrl.replace(/\/fhir$/, '/ingest/visits'));
    return new Promise((resolve, reject) => {
      // A new connection each time: a kept-alive one may be closed by the server while the test digests the tables.
      const request = httpRequest(
        url,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            if (response.statusCode !== 200)
              reject(new Error(`ingest answered ${response.statusCode}: ${text.slice(0, 500)}`));
            else resolve(JSON.parse(text) as Report);
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Business identifiers (type, system, value) held by more than one current resource. */
  function duplicateIdentifiers(): string[] {
    const db = new Database(served.server.databasePath, { readonly: true, fileMustExist: true });
    try {
      const holders = new Map<string, number>();
      const rows = db
        .prepare('SELECT resource_type, id, content FROM resource_current WHERE deleted = 0')
        .iterate() as Iterable<{ resource_type: string; id: string; content: string }>;
      for (const row of rows) {
        // An array on most types, a single Identifier on some (QuestionnaireResponse).
        const resource = JSON.parse(row.content) as { identifier?: Identifier | Identifier[] };
        for (const identifier of [resource.identifier ?? []].flat()) {
          // A mother's own IIN recurs on each of her RelatedPerson links (one per child); the
          // link's key is its mother-of-child identifier.
          if (row.resource_type === 'RelatedPerson' && identifier.system === IIN) continue;
          const key = `${row.resource_type} ${identifier.system}|${identifier.value}`;
          holders.set(key, (holders.get(key) ?? 0) + 1);
        }
      }
      return [...holders].filter(([, n]) => n > 1).map(([key, n]) => `${key} x${n}`);
    } finally {
      db.close();
    }
  }

  it('streams the body, and the same batch posted again leaves every table byte for byte the same', async () => {
    const body = JSON.stringify(syntheticVisits(RECORDS, 'ONCE'));
    expect(body.length).toBeGreaterThan(10 * BODY_LIMIT);
    const first = await post(body);
    expect(first.summary).toEqual({ records: RECORDS, created: RECORDS, updated: 0, unchanged: 0, rejected: 0 });
    const once = digestAllRows(served.server);
    expect(once.resource_current!.rows).toBeGreaterThan(RECORDS * 5);
    const second = await post(body);
    expect(second.summary).toEqual({ records: RECORDS, created: 0, updated: 0, unchanged: RECORDS, rejected: 0 });
    expect(digestAllRows(served.server)).toEqual(once);
  });

  it('two clients posting the same new batch at once create no duplicate', async () => {
    // Serial blocks from 500 on: children the first batch does not hold.
    const body = JSON.stringify(syntheticVisits(RECORDS, 'TWIN', 500));
    const reports = await Promise.all([post(body), post(body)]);
    expect(reports.map((r) => r.summary.rejected)).toEqual([0, 0]);
    // Each record is created by exactly one of the clients; the other finds it done.
    expect(reports[0]!.summary.created + reports[1]!.summary.created).toBe(RECORDS);
    expect(duplicateIdentifiers()).toEqual([]);
    const children = JSON.parse(body) as { child: { iin: string } }[];
    const bundle = await served.client.search({
      resourceType: 'Patient',
      searchParams: { identifier: `${IIN}|${children[999]!.child.iin}` },
    });
    expect((bundle as unknown as fhir4.Bundle).entry).toHaveLength(1);
  });
});
