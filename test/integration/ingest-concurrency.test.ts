/**
 * Two clients posting the same batch at once: the conditional writes on business identifiers
 * (decision 009's guards) leave one child, mother, nurse and polyclinic each, and one visit per
 * record.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useNodeServer } from './fhir-client.js';

const visits = JSON.parse(readFileSync('test/fixtures/shared-samples/visits.json', 'utf8')) as { record_id: string; polyclinic_bin: string; child: { iin: string }; mother: { iin: string }; nurse: { iin: string } }[];

describe('concurrent ingest of the same batch', () => {
  const served = useNodeServer();

  async function matches(type: string, system: string, value: string): Promise<number> {
    const bundle = (await served.client.search({ resourceType: type, searchParams: { identifier: `${system}|${value}` } })) as unknown as fhir4.Bundle;
    return bundle.entry?.length ?? 0;
  }

  it('creates no duplicate child, mother, nurse, polyclinic or visit', async () => {
    const root = served.server.baseUrl.replace(/\/fhir$/, '');
    const post = () => fetch(`${root}/ingest/visits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(visits) }).then((r) => r.json());
    const reports = (await Promise.all([post(), post()])) as { summary: { rejected: number; created: number } }[];
    // Each record is created by one client; the other finds it (unchanged or, after a lost race, updated).
    expect(reports.map((r) => r.summary.rejected)).toEqual([0, 0]);
    const IIN = 'https://fhir.patronage.kz/sid/iin';
    const counts: number[] = [];
    for (const v of visits) {
      counts.push(await matches('Patient', IIN, v.child.iin), await matches('Patient', IIN, v.mother.iin), await matches('RelatedPerson', 'https://fhir.patronage.kz/sid/mother-of-child', `${v.mother.iin}/${v.child.iin}`));
      counts.push(await matches('Practitioner', IIN, v.nurse.iin), await matches('Organization', 'https://fhir.patronage.kz/sid/bin', v.polyclinic_bin));
      counts.push(await matches('Encounter', 'https://fhir.patronage.kz/sid/mis-record', `mis/${v.record_id}`));
    }
    expect(new Set(counts)).toEqual(new Set([1]));
  });
});
