// The guide's terminology and invariants: local codes carry Kazakh, Russian and English
// designations; every local code of the polyclinic export samples has a ConceptMap entry; the
// IIN/BIN invariants agree with the check-digit rule of docs/domain.md §3.1 on its test vectors; every
// definitional resource carries url, name and version, and the served module equals the build.
import { readFileSync } from 'node:fs';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { describe, expect, it } from 'vitest';
import {
  BIN_SYSTEM,
  CANONICAL_BASE,
  IIN_SYSTEM,
  KATO_SYSTEM,
  PROVISIONAL_NEWBORN_SYSTEM,
} from '../../src/fhir/canonical.js';
import { igResources } from '../../src/ig/ig-resources.js';
import { loadDefinitions, type Json } from './ig-definitions.js';

const SAMPLES = new URL('../fixtures/shared-samples/', import.meta.url).pathname;
const MIS = 'https://fhir.patronage.kz/mis-dictionary/';
const defs = loadDefinitions();
const local = (type: string) =>
  defs.guide.filter((r) => r.resourceType === type && String(r.url).startsWith('https://fhir.patronage.kz/'));

/** Coded fields of the export: README row, JSON accessor, CSV column. */
const CODED_FIELDS = [
  { field: 'vizit.tip', json: (r: Json) => [(r.vizit as Json).tip], csv: 'tip_vizita' },
  { field: 'vizit.kod', json: (r: Json) => [(r.vizit as Json).kod], csv: 'kod_vizita' },
  { field: 'vizit.rezultat', json: (r: Json) => [(r.vizit as Json).rezultat], csv: 'rezultat' },
  { field: 'pol', json: (r: Json) => [(r.child as Json).pol], csv: 'pol' },
  { field: 'vskarmlivanie', json: (r: Json) => [r.vskarmlivanie], csv: 'vskarmlivanie' },
  { field: 'opasnye_priznaki', json: (r: Json) => r.opasnye_priznaki as unknown[], csv: 'opasnye_priznaki' },
  { field: 'faktory_riska', json: (r: Json) => r.faktory_riska as unknown[], csv: 'faktory_riska' },
] as const;

/** Backticked values of a README row; for `pol` the ones after "sex". */
function readmeCodes(field: string): string[] {
  const readme = readFileSync(`${SAMPLES}README.md`, 'utf8');
  const row = readme.split('\n').find((l) => (field === 'pol' ? l.includes('`pol`') : l.startsWith(`| \`${field}\``)));
  if (!row) throw new Error(`README has no row for ${field}`);
  const cell = row.split('|')[2]!;
  const part = field === 'pol' ? cell.slice(cell.indexOf('sex')) : cell;
  return [...part.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((v) => v !== 'dd.mm.yyyy');
}

function csvCodes(column: string): string[] {
  const [header, ...rows] = readFileSync(`${SAMPLES}visits.csv`, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  const index = header!.split(';').indexOf(column);
  if (index < 0) throw new Error(`CSV has no column ${column}`);
  return rows
    .filter((r) => r.length > 0)
    .flatMap((r) => (r.split(';')[index] ?? '').split(', '))
    .filter((v) => v !== '');
}

function mappedCodes(field: string): Set<string> {
  const codes = new Set<string>();
  for (const cm of local('ConceptMap')) {
    for (const g of cm.group as { source: string; element: { code: string }[] }[]) {
      if (g.source === `${MIS}${field}`) for (const e of g.element) codes.add(e.code);
    }
  }
  return codes;
}

describe('ConceptMaps cover the local codes of test/fixtures/shared-samples', () => {
  const records = JSON.parse(readFileSync(`${SAMPLES}visits.json`, 'utf8')) as Json[];
  it.each(CODED_FIELDS.map((f) => [f.field, f]))(
    '%s: README dictionary, JSON and CSV values are all mapped',
    (_f, f) => {
      const values = new Set([
        ...readmeCodes(f.field),
        ...records.flatMap((r) => f.json(r).map(String)),
        ...csvCodes(f.csv),
      ]);
      expect(values.size).toBeGreaterThan(1);
      const mapped = mappedCodes(f.field);
      expect([...values].filter((v) => !mapped.has(v))).toEqual([]);
    },
  );
});

describe('local code systems', () => {
  it('give every concept designations in kk, ru and en', () => {
    const missing: string[] = [];
    const walk = (cs: Json, concepts: unknown) => {
      for (const c of (concepts as { code: string; designation?: { language: string }[]; concept?: unknown }[]) ?? []) {
        const langs = new Set((c.designation ?? []).map((d) => d.language));
        for (const l of ['kk', 'ru', 'en']) if (!langs.has(l)) missing.push(`${String(cs.id)}#${c.code} ${l}`);
        walk(cs, c.concept);
      }
    };
    for (const cs of local('CodeSystem')) walk(cs, cs.concept);
    expect(local('CodeSystem').length).toBeGreaterThanOrEqual(9);
    expect(missing).toEqual([]);
  });

  it('each have a value set that includes the whole system', () => {
    const included = new Set(
      local('ValueSet').flatMap((vs) =>
        ((vs.compose as { include: { system?: string }[] }).include ?? []).map((i) => i.system),
      ),
    );
    expect(
      local('CodeSystem')
        .map((cs) => cs.url)
        .filter((u) => !included.has(u as string)),
    ).toEqual([]);
  });
});

describe('IIN and BIN invariants follow docs/domain.md §3.1', () => {
  const sd = (id: string) =>
    defs.guide.find((r) => r.id === id)! as unknown as {
      snapshot: { element: { constraint?: { key: string; expression: string }[] }[] };
    };
  const expression = (profile: string, key: string) =>
    sd(profile)
      .snapshot.element.flatMap((e) => e.constraint ?? [])
      .find((c) => c.key === key)!.expression;
  const holds = (expr: string, value: string) =>
    (fhirpath.evaluate(value, expr, undefined, r4) as unknown[])[0] === true;

  it('kz-iin-1 accepts the valid vectors and rejects the invalid ones', () => {
    const iin = expression('kz-patient', 'kz-iin-1');
    for (const v of ['061211600012', '900101300017', '850520400015', '110722500010', '240315600000'])
      expect(holds(iin, v), v).toBe(true);
    for (const v of ['900101300006', '90010130001', '900101700017', '901301300017', 'x00101300017'])
      expect(holds(iin, v), v).toBe(false);
  });

  it('kz-iin-1 agrees with the two-pass algorithm, including second-pass serials', () => {
    const iin = fhirpath.compile(expression('kz-patient', 'kz-iin-1'), r4);
    const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let secondPass = 0;
    for (let serial = 0; serial < 200; serial++) {
      const prefix = `2403156${String(serial).padStart(4, '0')}`;
      const d = [...prefix].map(Number);
      const sum = (w: number[]) => w.reduce((a, x, i) => a + x * d[i]!, 0) % 11;
      let check = sum(w1);
      if (check === 10) {
        secondPass++;
        check = sum(w2);
      }
      for (let digit = 0; digit < 10; digit++) {
        const valid = check !== 10 && digit === check;
        expect(
          (iin(`${prefix}${digit}` as unknown as Record<string, unknown>) as unknown[])[0],
          `${prefix}${digit}`,
        ).toBe(valid);
      }
    }
    expect(secondPass).toBeGreaterThan(0);
  });

  it('kz-bin-1 accepts a valid BIN and rejects a wrong check digit or type digit', () => {
    const bin = expression('kz-polyclinic', 'kz-bin-1');
    expect(holds(bin, '040340000017')).toBe(true);
    expect(holds(bin, '040340000018')).toBe(false);
    expect(holds(bin, '090130777552')).toBe(false);
  });
});

describe('served definitions', () => {
  it('carry url, name and version, and equal the build output', () => {
    const served = igResources();
    const definitions = defs.guide.filter(
      (r) =>
        'url' in r &&
        ['StructureDefinition', 'CodeSystem', 'ValueSet', 'ConceptMap', 'Questionnaire'].includes(
          String(r.resourceType),
        ),
    );
    expect(served.map((r) => `${r.resourceType}/${r.id}`).sort()).toEqual(
      definitions.map((r) => `${r.resourceType}/${r.id}`).sort(),
    );
    for (const r of served) {
      expect(r.url, r.id).toMatch(/^https:\/\/fhir\.patronage\.kz\//);
      expect(r.name, r.id).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
      expect(r.version, r.id).toBe('0.1.0');
    }
  });
});

describe('one canonical base', () => {
  it('sushi-config.yaml and the FSH aliases use the systems of src/fhir/canonical.ts', () => {
    const root = new URL('../../profiles/', import.meta.url).pathname;
    const config = readFileSync(`${root}sushi-config.yaml`, 'utf8');
    expect(/^canonical:\s*(\S+)/m.exec(config)?.[1]).toBe(CANONICAL_BASE);
    const aliases = readFileSync(`${root}input/fsh/aliases.fsh`, 'utf8');
    const alias = (name: string) => new RegExp(`^Alias: \\$${name} = (\\S+)$`, 'm').exec(aliases)?.[1];
    expect(alias('IIN')).toBe(IIN_SYSTEM);
    expect(alias('BIN')).toBe(BIN_SYSTEM);
    expect(alias('KATO')).toBe(KATO_SYSTEM);
    expect(alias('ProvisionalNewborn')).toBe(PROVISIONAL_NEWBORN_SYSTEM);
  });
});
