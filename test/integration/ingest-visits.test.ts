/**
 * The local-record side over HTTP on the real Node server: `$transform`, `POST /ingest/visits`
 * with the shared samples (JSON and CSV), idempotent re-sends, and malformed records rejected
 * with located reasons while nothing of them is stored.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childIin } from '../fixtures/synthetic-visits.js';
import { digestAllRows } from '../hostile/harness.js';
import { useNodeServer } from './fhir-client.js';

/** A sample record, edited freely by the malformed-record cases. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Visit = Record<string, any>;

const SAMPLES = 'test/fixtures/shared-samples';
const visits = JSON.parse(readFileSync(`${SAMPLES}/visits.json`, 'utf8')) as Visit[];
const csvBytes = readFileSync(`${SAMPLES}/visits.csv`);
const csvBody = new Uint8Array(csvBytes);

interface Report {
  summary: Record<'records' | 'created' | 'updated' | 'unchanged' | 'rejected', number>;
  records: { recordId?: string; status: string; row?: number; index?: number; issues: { field?: string; message: string; row?: number }[] }[];
}

describe('ingest of local visit records', () => {
  const served = useNodeServer();
  const root = () => served.server.baseUrl.replace(/\/fhir$/, '');

  async function ingest(body: string | Uint8Array<ArrayBuffer>, contentType: string, accept = 'application/json'): Promise<Response> {
    return fetch(`${root()}/ingest/visits`, { method: 'POST', headers: { 'content-type': contentType, accept }, body });
  }

  async function total(type: string, query = ''): Promise<number> {
    const bundle = (await served.client.search({ resourceType: type, searchParams: { _summary: 'count', ...Object.fromEntries(new URLSearchParams(query)) } })) as unknown as fhir4.Bundle;
    return bundle.total ?? -1;
  }

  /** Every version of every resource the server holds (system history). */
  async function versions(): Promise<number> {
    const history = (await (await fetch(`${served.server.baseUrl}/_history?_count=1`)).json()) as fhir4.Bundle;
    return history.total ?? -1;
  }

  async function counts(): Promise<Record<string, number>> {
    const all = await versions();
    const types = ['Patient', 'RelatedPerson', 'Organization', 'Practitioner', 'PractitionerRole', 'Encounter', 'Observation', 'QuestionnaireResponse', 'RiskAssessment', 'Condition'];
    return { versions: all, ...Object.fromEntries(await Promise.all(types.map(async (t) => [t, await total(t)] as const))) };
  }

  it('publishes the visit format as JSON Schema', async () => {
    const response = await fetch(`${root()}/formats/visit.schema.json`);
    expect(response.status).toBe(200);
    const schema = (await response.json()) as { type: string; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['record_id', 'child', 'vizit', 'epds']));
  });

  it('lists $transform on StructureMap in the CapabilityStatement', async () => {
    const statement = (await served.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const structureMap = statement.rest?.[0]?.resource?.find((r) => r.type === 'StructureMap');
    expect(structureMap?.operation?.map((o) => o.name)).toContain('transform');
  });

  it('$transform returns the Bundle of a record and stores nothing', async () => {
    const before = await total('Encounter');
    const response = await fetch(`${served.server.baseUrl}/StructureMap/$transform`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(visits[16]) });
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as fhir4.Bundle;
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual(expect.arrayContaining(['Patient', 'RelatedPerson', 'Encounter', 'QuestionnaireResponse']));
    expect(await total('Encounter')).toBe(before);
  });

  it('$transform answers 422 with the located field for a record it cannot map', async () => {
    const bad = structuredClone(visits[0]!);
    bad.child.iin = '250820560323';
    const response = await fetch(`${served.server.baseUrl}/StructureMap/$transform`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    expect(response.status).toBe(422);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]?.expression).toEqual(['child.iin']);
    expect(outcome.issue[0]?.details?.text).toContain('record PK-3-100000');
  });

  it('ingests the JSON sample, and a second post changes nothing', async () => {
    const before = await counts();
    const first = (await (await ingest(JSON.stringify(visits), 'application/json')).json()) as Report;
    expect(first.summary).toEqual({ records: 25, created: 25, updated: 0, unchanged: 0, rejected: 0 });
    const after = await counts();
    expect(after.Encounter! - before.Encounter!).toBe(25);
    const second = (await (await ingest(JSON.stringify(visits), 'application/json')).json()) as Report;
    expect(second.summary).toEqual({ records: 25, created: 0, updated: 0, unchanged: 25, rejected: 0 });
    expect(await counts()).toEqual(after);
    const child = (await served.client.search({ resourceType: 'Patient', searchParams: { identifier: `https://fhir.patronage.kz/sid/iin|${visits[0]!.child.iin}` } })) as unknown as fhir4.Bundle;
    expect(child.entry).toHaveLength(1);
    expect(child.entry?.[0]?.resource?.meta?.versionId).toBe('1');
  });

  it('exports stored visits as local records (JSON and CSV) that round-trip', async () => {
    const record = visits[16]!; // PK-3-100016: EPDS, joint visit
    const response = await fetch(`${root()}/export/visits?child=${record.child.iin}&polyclinic=${record.polyclinic_bin}&from=2024-12-01&to=2024-12-31`);
    expect(response.status).toBe(200);
    const exported = (await response.json()) as Visit[];
    expect(exported).toHaveLength(1);
    const { primechanie: _note, ...expected } = record;
    expect(exported[0]).toEqual(expected);
    const csv = await (await fetch(`${root()}/export/visits?child=${record.child.iin}&_format=csv`)).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(csvBytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0]);
    expect(row).toContain(`${record.record_id};${record.polyclinic_bin};${record.nurse.iin};${record.child.iin}`);
    const none = (await (await fetch(`${root()}/export/visits?child=${record.child.iin}&from=2025-01-01`)).json()) as Visit[];
    expect(none).toEqual([]);
  });

  it('a changed record updates the same visit instead of adding one', async () => {
    const changed = structuredClone(visits[0]!);
    changed.izmereniya.ves_g = 3990;
    const before = await counts();
    const report = (await (await ingest(JSON.stringify(changed), 'application/json')).json()) as Report;
    expect(report.records[0]?.status).toBe('updated');
    const { versions: after, ...now } = await counts();
    const { versions: was, ...then } = before;
    expect(now).toEqual(then);
    expect(after).toBeGreaterThan(was!);
  });

  it('records of one child in one batch are applied in file order and reported in it', async () => {
    // Ingest works on several records at once; two records of the same child must still replace
    // the child's Patient in the order of the file, so the last record's name is the one kept.
    // A child of its own (serial block 900, far from the samples'), born on the sample's date.
    const base = structuredClone(visits[0]!);
    base.child.iin = childIin('250820', true, 900);
    const batch = ['Айбек', 'Дамир', 'Ерлан', 'Нурлан', 'Тимур', 'Асхат', 'Бауыржан', 'Данияр', 'Ербол', 'Арман'].map((imya, i) => {
      const record = structuredClone(base);
      record.record_id = `ORDER-${i}`;
      record.child.imya = imya;
      return record;
    });
    const report = (await (await ingest(JSON.stringify(batch), 'application/json')).json()) as Report;
    expect(report.records.map((r) => [r.recordId, r.status])).toEqual(batch.map((r) => [r.record_id, 'created']));
    const found = (await served.client.search({
      resourceType: 'Patient',
      searchParams: { identifier: `https://fhir.patronage.kz/sid/iin|${base.child.iin}` },
    })) as unknown as fhir4.Bundle<fhir4.Patient>;
    expect(found.entry).toHaveLength(1);
    expect(found.entry![0]!.resource!.name?.[0]?.given).toEqual(['Арман']);
    expect(found.entry![0]!.resource!.meta?.versionId).toBe(String(batch.length));
  });

  it('a changed record that drops a finding deletes it, and one that adds a finding creates it', async () => {
    const withSign = visits[3]!; // PK-3-100003: umbilical infection
    const before = await counts();
    const dropped = { ...structuredClone(withSign), opasnye_priznaki: [] };
    expect(((await (await ingest(JSON.stringify(dropped), 'application/json')).json()) as Report).records[0]?.status).toBe('updated');
    expect((await counts()).Observation).toBe(before.Observation! - 1);
    const two = { ...structuredClone(withSign), opasnye_priznaki: ['Инфекция пупка ', 'желтуха'] };
    expect(((await (await ingest(JSON.stringify(two), 'application/json')).json()) as Report).records[0]?.status).toBe('updated');
    expect((await counts()).Observation).toBe(before.Observation! + 1);
    expect(((await (await ingest(JSON.stringify(withSign), 'application/json')).json()) as Report).records[0]?.status).toBe('updated');
    const { versions: _v, ...now } = await counts();
    const { versions: _b, ...then } = before;
    expect(now).toEqual(then);
  });

  it('ingests the CSV journal streamed (UTF-8 with BOM, ; separators, decimal comma)', async () => {
    const report = (await (await ingest(csvBody, 'text/csv')).json()) as Report;
    // Three CSV record ids are also in the JSON sample with other content: those are updates.
    expect(report.summary).toMatchObject({ records: 25, rejected: 0, unchanged: 0 });
    expect(report.summary.created + report.summary.updated).toBe(25);
    const again = (await (await ingest(csvBody, 'text/csv')).json()) as Report;
    expect(again.summary).toMatchObject({ records: 25, unchanged: 25 });
  });

  it('reads a Windows-1251 CSV as the same records', async () => {
    const text = csvBytes.toString('utf8').replace(/^\uFEFF/, '');
    const cp1251 = new Uint8Array([...text].map((ch) => cp1251Byte(ch)));
    const report = (await (await ingest(cp1251, 'text/csv')).json()) as Report;
    expect(report.summary).toMatchObject({ records: 25, unchanged: 25, rejected: 0 });
  });

  it('reads a CSV with , separators, decimal points and quoted lists as the same records', async () => {
    const text = csvBytes
      .toString('utf8')
      .split('\r\n')
      .map((line) => line.split(';').map((cell) => cell.replace(/^(\d+),(\d+)$/, '$1.$2')).map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(','))
      .join('\n');
    const report = (await (await ingest(text, 'text/csv')).json()) as Report;
    expect(report.summary).toMatchObject({ records: 25, unchanged: 25, rejected: 0 });
  });

  it('rejects each malformed record with its located reason and stores nothing of it', async () => {
    const before = await counts();
    const stored = digestAllRows(served.server);
    const base = visits[3]!;
    const variant = (id: string, change: (r: Visit)
      => void) => {
      const r = structuredClone(base);
      r.record_id = id;
      change(r);
      return r;
    };
    const corpus = [
      variant('BAD-IIN', (r) => (r.child.iin = '250926560320')),
      variant('BAD-DATE', (r) => (r.vizit.data = '31.02.2025')),
      variant('BEFORE-BIRTH', (r) => (r.vizit.data = '01.01.2025')),
      variant('UNKNOWN-VALUE', (r) => (r.vskarmlivanie = 'молоко')),
      variant('NO-CHILD', (r) => delete r.child),
      variant('KILOGRAMS', (r) => (r.izmereniya.ves_g = 4.2)),
      variant('BAD-IIN', (r) => (r.child.familiya = 'Дубль')),
    ];
    const report = (await (await ingest(JSON.stringify(corpus), 'application/json')).json()) as Report;
    const fields = report.records.map((r) => [r.recordId, r.status, r.issues[0]?.field]);
    expect(fields).toEqual([
      ['BAD-IIN', 'rejected', 'child.iin'],
      ['BAD-DATE', 'rejected', 'vizit.data'],
      ['BEFORE-BIRTH', 'rejected', 'vizit.data'],
      ['UNKNOWN-VALUE', 'rejected', 'vskarmlivanie'],
      ['NO-CHILD', 'rejected', 'child'],
      ['KILOGRAMS', 'rejected', 'izmereniya.ves_g'],
      ['BAD-IIN', 'rejected', 'record_id'],
    ]);
    expect(report.records[5]?.issues[0]?.message).toContain('kilograms');
    expect(report.records[6]?.issues[0]?.message).toContain('duplicate record id');
    expect(await counts()).toEqual(before);
    expect(digestAllRows(served.server), 'every table byte for byte as before').toEqual(stored);
  });

  it('locates CSV problems by line and column: ragged, truncated, unknown value', async () => {
    const lines = csvBytes.toString('utf8').split('\r\n');
    const ragged = lines[2]!.split(';').slice(0, -3).join(';');
    const unknown = lines[3]!.replace('искусственное', 'кефир');
    const truncated = `${lines[4]!.slice(0, lines[4]!.indexOf(';', 30) + 1)}"неоконченн`;
    const body = [lines[0], ragged, unknown, truncated].join('\r\n');
    const before = await counts();
    const stored = digestAllRows(served.server);
    const response = await ingest(body, 'text/csv', 'application/fhir+json');
    const bundle = (await response.json()) as fhir4.Bundle;
    const texts = bundle.entry!.map((e) => (e.resource as fhir4.OperationOutcome).issue[0]!.details!.text!);
    expect(texts[0]).toMatch(/CSV line 2: .*ragged/);
    expect(texts[1]).toMatch(/CSV line 3, column vskarmlivanie: unknown dictionary value "кефир"/);
    expect(texts[2]).toMatch(/CSV line 4: .*truncated/);
    expect(await counts()).toEqual(before);
    expect(digestAllRows(served.server), 'every table byte for byte as before').toEqual(stored);
  });

  it('reads a JSON array record by record: a broken element and a cut-off end are rejected where they are', async () => {
    const stored = digestAllRows(served.server);
    const known = JSON.stringify(visits[20]);
    const body = `[${known}, {"record_id": "BROKEN", "child": }, ${known.slice(0, 40)}`;
    const report = (await (await ingest(body, 'application/json')).json()) as Report;
    expect(report.records.map((r) => [r.index, r.status])).toEqual([
      [1, 'unchanged'],
      [2, 'rejected'],
      [3, 'rejected'],
    ]);
    expect(report.records[1]!.issues[0]!.message).toMatch(/not valid JSON/);
    expect(report.records[2]!.issues[0]!.message).toMatch(/truncated/);
    expect(digestAllRows(served.server), 'every table byte for byte as before').toEqual(stored);
  });

  it('answers 400 for a CSV with a wrong separator', async () => {
    const response = await ingest(csvBytes.toString('utf8').replaceAll(';', '\t'), 'text/csv');
    expect(response.status).toBe(400);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]?.details?.text).toContain('wrong separator');
  });
});

/** Windows-1251 byte of a character (ASCII, Cyrillic А-я, Ё/ё). */
function cp1251Byte(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (code === 0x401) return 0xa8;
  if (code === 0x451) return 0xb8;
  throw new Error(`no Windows-1251 byte for ${ch}`);
}
