/**
 * Result parameters and paging of the search conformance suite: _total, _summary, _elements,
 * _include/_revinclude (:iterate), unknown parameters (lenient and strict), bad input, and
 * keyset pages that stay stable while others write.
 * @see https://hl7.org/fhir/R4/search.html#return
 */
import { describe, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/outcome.js';
import type { RestContext } from '../../src/rest/context.js';
import { PATRONAGE_RESOURCES } from './search-patronage-data.js';
import { matchIds, runSearch, suiteContext, type SearchHarness } from './search.suite.js';
import { createWrite, seedStore } from './search-seed.js';

const includedIds = (b: fhir4.Bundle) =>
  (b.entry ?? [])
    .filter((e) => e.search?.mode === 'include')
    .map((e) => `${e.resource!.resourceType}/${e.resource!.id}`)
    .sort();

async function refusal(ctx: RestContext, query: string, strict = false): Promise<FhirError> {
  try {
    await runSearch(ctx, query, strict);
  } catch (thrown) {
    if (thrown instanceof FhirError) return thrown;
    throw thrown;
  }
  throw new Error(`${query} was accepted`);
}

/** Registers the result-parameter tests; `context()` is the seeded patronage context. */
export function describeSearchResultParameters(context: () => RestContext, harness: SearchHarness): void {
  describe('result parameters', () => {
    it('reports an accurate total by default and none with _total=none', async () => {
      expect((await runSearch(context(), 'Patient?_count=1')).total).toBe(4);
      expect((await runSearch(context(), 'Patient?_total=none')).total).toBeUndefined();
    });

    it('_summary=count returns the total and no entries', async () => {
      const bundle = await runSearch(context(), 'Observation?code=29463-7&_summary=count');
      expect(bundle.total).toBe(4);
      expect(bundle.entry ?? []).toEqual([]);
    });

    it('_summary=true keeps summary elements only and marks the resource SUBSETTED', async () => {
      const patient = (await runSearch(context(), 'Patient?_id=p1&_summary=true')).entry![0]!.resource as fhir4.Patient;
      expect(patient.name?.[0]?.family).toBe('Ásanova');
      expect(patient.maritalStatus).toBeUndefined();
      expect(patient.meta?.tag?.map((t) => t.code)).toContain('SUBSETTED');
    });

    it('_summary=data drops the narrative; _elements keeps only the named elements', async () => {
      const data = (await runSearch(context(), 'Patient?_id=p1&_summary=data')).entry![0]!.resource as fhir4.Patient;
      expect(data.maritalStatus?.text).toBe('unmarried');
      const elements = (await runSearch(context(), 'Patient?_id=p1&_elements=gender')).entry![0]!
        .resource as fhir4.Patient;
      expect(elements.gender).toBe('female');
      expect(elements.name).toBeUndefined();
      expect(elements.id).toBe('p1');
    });

    it('_include and _revinclude add referenced and referring resources', async () => {
      const bundle = await runSearch(
        context(),
        'Encounter?patient=p1&_include=Encounter:subject&_revinclude=Observation:encounter',
      );
      expect(matchIds(bundle).sort()).toEqual(['e1', 'e2']);
      expect(includedIds(bundle)).toEqual(['Observation/o1', 'Observation/o2', 'Patient/p1']);
    });

    it('_include follows a canonical reference by the target url', async () => {
      const bundle = await runSearch(
        context(),
        'QuestionnaireResponse?_id=qr1&_include=QuestionnaireResponse:questionnaire',
      );
      expect(includedIds(bundle)).toEqual(['Questionnaire/q1']);
    });

    it('_include:iterate follows references of included resources', async () => {
      const once = await runSearch(
        context(),
        'Observation?_id=o1&_include=Observation:encounter&_include=Encounter:subject',
      );
      expect(includedIds(once)).toEqual(['Encounter/e1']);
      const iterated = await runSearch(
        context(),
        'Observation?_id=o1&_include=Observation:encounter&_include:iterate=Encounter:subject',
      );
      expect(includedIds(iterated)).toEqual(['Encounter/e1', 'Patient/p1']);
    });

    it('_revinclude:iterate follows referrers of included resources', async () => {
      const bundle = await runSearch(
        context(),
        'Patient?_id=p2&_revinclude=Encounter:subject&_revinclude:iterate=Observation:encounter',
      );
      expect(includedIds(bundle)).toEqual(['Encounter/e3', 'Observation/o3']);
    });
  });

  describe('unknown parameters and bad input', () => {
    it('ignores an unknown parameter and reports it in an OperationOutcome entry', async () => {
      const bundle = await runSearch(context(), 'Patient?foo=bar&gender=male');
      expect(matchIds(bundle)).toEqual(['p2']);
      const outcome = bundle.entry!.find((e) => e.search?.mode === 'outcome')!.resource as fhir4.OperationOutcome;
      expect(outcome.issue[0]?.expression).toEqual(['foo']);
      expect(outcome.issue[0]?.severity).toBe('warning');
    });

    it('names a composite parameter as not supported rather than unknown', async () => {
      const bundle = await runSearch(context(), 'Observation?code-value-quantity=29463-7$gt3');
      const outcome = bundle.entry!.find((e) => e.search?.mode === 'outcome')!.resource as fhir4.OperationOutcome;
      expect(outcome.issue[0]?.details?.text).toContain(
        "'code-value-quantity (composite)' of Observation is not supported",
      );
    });

    it('refuses an unknown parameter with 400 under Prefer: handling=strict', async () => {
      const error = await refusal(context(), 'Patient?foo=bar', true);
      expect(error.status).toBe(400);
      expect(error.outcome.issue[0]?.expression).toEqual(['foo']);
    });

    for (const [query, parameter] of [
      ['Patient?birthdate=notadate', 'birthdate'],
      ['Patient?gender:sounds-like=f', 'gender:sounds-like'],
      ['Patient?_count=-1', '_count'],
      ['Patient?_sort=shoe-size', '_sort'],
      ['Patient?_cursor=garbage', '_cursor'],
      ['Patient?birthdate:missing=maybe', 'birthdate:missing'],
      ['RiskAssessment?probability=lots', 'probability'],
      ['Patient?identifier=|', 'identifier'],
      ['Patient?_include=Patient:nothing', '_include'],
      ['Patient?birthdate=2020-02-30', 'birthdate'],
      ['Observation?value-quantity=1e999', 'value-quantity'],
    ] as const) {
      it(`answers 400 naming '${parameter}' for ${query}`, async () => {
        const error = await refusal(context(), query);
        expect(error.status).toBe(400);
        expect(error.outcome.issue[0]?.expression).toEqual([parameter]);
      });
    }
  });

  describe('paging', () => {
    it('follows next and previous links through all results in order', async () => {
      const ctx = context();
      const first = await runSearch(ctx, 'Patient?_sort=birthdate&_count=2');
      expect(matchIds(first)).toEqual(['m1', 'p2']);
      const second = await runSearch(ctx, linkQuery(first, 'next'));
      expect(matchIds(second)).toEqual(['p1', 'p3']);
      expect(second.link?.some((l) => l.relation === 'next')).toBe(false);
      expect(matchIds(await runSearch(ctx, linkQuery(second, 'previous')))).toEqual(['m1', 'p2']);
    });

    it('pages in the default order (by id) forwards and back', async () => {
      const ctx = context();
      const first = await runSearch(ctx, 'Patient?_count=3');
      expect(matchIds(first)).toEqual(['m1', 'p1', 'p2']);
      const second = await runSearch(ctx, linkQuery(first, 'next'));
      expect(matchIds(second)).toEqual(['p3']);
      expect(matchIds(await runSearch(ctx, linkQuery(second, 'previous')))).toEqual(['m1', 'p1', 'p2']);
      const observations = await runSearch(ctx, 'Observation?code=29463-7&_count=2');
      expect(matchIds(await runSearch(ctx, linkQuery(observations, 'next')))).toEqual(['o3', 'o5']);
    });

    it('pages a date range in id order forwards and back, dense, sparse or with alternatives', async () => {
      // 300 Encounters, one a day over 30 days, three of them far out: a week is a tenth of them (the
      // SQL store walks the ids and keeps those in range), the far-out day three (its walk is too
      // short and it reads the range instead); every page must be the next ids in order either way.
      const store = await harness.createStore();
      const day = (i: number) =>
        i === 7 || i === 150 || i === 299 ? '2030-06-01' : `2025-01-${String((i % 30) + 1).padStart(2, '0')}`;
      const encounters = Array.from({ length: 300 }, (_, i) => ({
        resourceType: 'Encounter',
        id: `e${String(i).padStart(3, '0')}`,
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
        period: { start: `${day(i)}T10:00:00+05:00`, end: `${day(i)}T10:30:00+05:00` },
      })) as fhir4.Encounter[];
      await seedStore(store, encounters);
      const ctx = suiteContext(store);
      const expectPaging = async (query: string, matches: (i: number) => boolean) => {
        const expected = encounters.filter((_e, i) => matches(i)).map((e) => e.id!);
        const pages: string[][] = [];
        let bundle = await runSearch(ctx, query);
        expect(bundle.total).toBe(expected.length);
        for (;;) {
          pages.push(matchIds(bundle));
          if (!bundle.link?.some((l) => l.relation === 'next')) break;
          bundle = await runSearch(ctx, linkQuery(bundle, 'next'));
        }
        expect(pages.flat()).toEqual(expected);
        // And back from the last page to the first.
        for (let k = pages.length - 2; k >= 0; k--) {
          bundle = await runSearch(ctx, linkQuery(bundle, 'previous'));
          expect(matchIds(bundle)).toEqual(pages[k]);
        }
      };
      const inWeek = (i: number) => day(i) >= '2025-01-05' && day(i) < '2025-01-12';
      await expectPaging('Encounter?date=ge2025-01-05&date=lt2025-01-12&_count=5', inWeek);
      await expectPaging('Encounter?date=2030-06-01&_count=2', (i) => day(i) === '2030-06-01');
      await expectPaging('Encounter?date=2025-01-03,2025-01-20&_count=4', (i) =>
        ['2025-01-03', '2025-01-20'].includes(day(i)),
      );
    });

    it('keeps the next page stable when resources are written between page requests', async () => {
      const store = await harness.createStore();
      await seedStore(store, PATRONAGE_RESOURCES);
      const ctx = suiteContext(store);
      const first = await runSearch(ctx, 'Patient?_sort=birthdate&_count=2');
      expect(matchIds(first)).toEqual(['m1', 'p2']);
      // A patient that sorts before every other one arrives between the two page requests.
      await store.commit({
        writes: [createWrite({ resourceType: 'Patient', id: 'a0', birthDate: '1980-01-01' } as fhir4.Patient, 900)],
      });
      const second = await runSearch(ctx, linkQuery(first, 'next'));
      expect(matchIds(second)).toEqual(['p1', 'p3']);
      expect(second.total).toBe(5);
    });
  });
}

function linkQuery(bundle: fhir4.Bundle, relation: string): string {
  const url = bundle.link?.find((l) => l.relation === relation)?.url;
  if (!url) throw new Error(`no ${relation} link`);
  return url.replace('http://test/fhir/', '');
}
