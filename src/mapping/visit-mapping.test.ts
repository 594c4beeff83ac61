/**
 * Golden files: every record of the shared samples maps to its committed Bundle
 * (test/fixtures/mapping-golden/, rewritten with UPDATE_GOLDEN=1), and every resource of it
 * validates against the profile it claims with the project's validator. Also: a broken mapping
 * file is reported with its file and line.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseValidationConfig } from '../config/validation-config.js';
import { createValidator } from '../validation/create-validator.js';
import { guideConceptMaps } from './dictionaries.js';
import { mapRecord, toTransaction } from './engine.js';
import { loadMappings, MappingFileError, type MappingSource } from './load-mappings.js';
import { reverseRecord } from './reverse.js';

const sources: MappingSource[] = readdirSync('mappings').map((name) => ({ file: `mappings/${name}`, text: readFileSync(`mappings/${name}`, 'utf8') }));
const conceptMaps = guideConceptMaps();
const loaded = loadMappings(sources, conceptMaps);
const { definition, format } = loaded.mappings.get('visit')!;
const validate = createValidator(parseValidationConfig({}));
const records = JSON.parse(readFileSync('test/fixtures/shared-samples/visits.json', 'utf8')) as { record_id: string }[];

describe('visit records to transaction Bundles', () => {
  it.each(records.map((r) => [r.record_id, r] as const))('%s maps to its golden Bundle, and every resource validates', async (id, raw) => {
    const read = format.read(raw);
    expect(read.issues).toEqual([]);
    const mapped = await mapRecord(definition, read.record!, { conceptMaps, source: 'mis' });
    expect(mapped.issues).toEqual([]);
    for (const resource of mapped.resources) {
      const errors = validate(resource.resource, resource.profile ? { profile: resource.profile } : {}).filter((i) => i.severity === 'error' || i.severity === 'fatal');
      expect(errors, `${resource.name}`).toEqual([]);
    }
    const bundle = toTransaction(mapped);
    const file = `test/fixtures/mapping-golden/${id}.json`;
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
    expect(bundle).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('a mapped resource that breaks its profile is caught by the validator', async () => {
    const mapped = await mapRecord(definition, format.read(records[0]).record!, { conceptMaps, source: 'mis' });
    const visit = mapped.resources.find((r) => r.name === 'encounter')!;
    delete (visit.resource as fhir4.Encounter).subject;
    expect(validate(visit.resource, { profile: visit.profile! }).some((i) => i.severity === 'error')).toBe(true);
  });
});

/** The record as the reverse mapping gives it back: keys sorted; `epds: null` is no EPDS. */
function comparable(record: Record<string, unknown>): unknown {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  const { epds, ...rest } = record;
  return sort(epds === null ? rest : record);
}

async function roundTrip(raw: Record<string, unknown>): Promise<Record<string, unknown>> {
  const mapped = await mapRecord(definition, format.read(raw).record!, { conceptMaps, source: 'mis' });
  const pool = mapped.resources.map((r) => ({ key: r.fullUrl, resource: r.resource }));
  return reverseRecord(definition, format, conceptMaps, pool, pool.find((p) => p.resource.resourceType === 'Encounter')!);
}

describe('the reverse mapping', () => {
  it.each(records.map((r) => [r.record_id, r] as const))('%s comes back as the original record (but its note)', async (_, raw) => {
    const { primechanie: _note, ...rest } = raw as Record<string, unknown>;
    expect(comparable(await roundTrip(raw as Record<string, unknown>))).toEqual(comparable(rest));
  });

  it('reads tolerant input back in the export style (upper case, ISO date, decimal point)', async () => {
    const messy = structuredClone(records[0]) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    messy.child.pol = ' М ';
    messy.vizit.data = '2025-09-20';
    messy.izmereniya.rost_sm = '54.9';
    const back = (await roundTrip(messy)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect([back.child.pol, back.vizit.data, back.izmereniya.rost_sm]).toEqual(['м', '20.09.2025', '54,9']);
  });

  it.fails('keeps the note (primechanie), because R4 Encounter has no note element and the mapping does not carry it', async () => {
    const withNote = records.find((r) => (r as Record<string, unknown>).primechanie !== '')!;
    expect((await roundTrip(withNote as Record<string, unknown>)).primechanie).toBe((withNote as Record<string, unknown>).primechanie);
  });
});

describe('loading mapping files', () => {
  it('reports a rule with an unknown field by file and line, and refuses to load', () => {
    const map = sources.find((s) => s.file.endsWith('.map.json'))!;
    const broken = map.text.replace('"field": "child.familiya"', '"field": "child.familia"');
    const line = broken.split('\n').findIndex((l) => l.includes('child.familia')) + 1;
    const attempt = () => loadMappings([...sources.filter((s) => s !== map), { ...map, text: broken }], conceptMaps);
    expect(attempt).toThrow(MappingFileError);
    // The line of the rule that reads the field (its opening brace, two lines above the field).
    expect(attempt).toThrow(new RegExp(`mappings/visit-to-fhir.map.json:${line - 2}: unknown field child.familia`));
  });

  it('reports invalid JSON and a rule without a source by line', () => {
    const format = sources.find((s) => s.file.endsWith('.format.json'))!;
    const notJson = { ...format, text: format.text.replace('"required": true,', '"required": true,,') };
    expect(() => loadMappings([notJson], conceptMaps)).toThrow(/visit\.format\.json:\d+: not JSON/);
    const map = sources.find((s) => s.file.endsWith('.map.json'))!;
    const noSource = { ...map, text: map.text.replace('"value": "final"', '"valu": "final"') };
    const line = noSource.text.split('\n').findIndex((l) => l.includes('"valu"')) + 1;
    expect(() => loadMappings([format, noSource], conceptMaps)).toThrow(new RegExp(`map\\.json:${line - 2}: resources\\.7\\.rules\\.0: Unrecognized key: "valu"`));
  });
});
