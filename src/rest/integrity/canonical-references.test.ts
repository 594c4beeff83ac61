import { describe, expect, it } from 'vitest';
import { memoryStoreHolding } from '../../storage/memory/memory-store-holding.js';
import type { ResourceStore } from '../../storage/port.js';
import { canonicalReferencesOf, checkCanonicalReferences } from './canonical-references.js';

describe('canonicalReferencesOf', () => {
  it('finds the canonicals whose elements name target types, with their FHIRPath', () => {
    const carePlan = {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p' },
      instantiatesCanonical: ['https://fhir.patronage.kz/PlanDefinition/universal'],
      activity: [{ detail: { status: 'scheduled', instantiatesCanonical: ['#local'] } }],
      contained: [
        { resourceType: 'QuestionnaireResponse', id: 'q', status: 'completed', questionnaire: 'https://x/Q' },
      ],
    } as unknown as fhir4.CarePlan;
    expect(canonicalReferencesOf(carePlan)).toEqual([
      {
        url: 'https://fhir.patronage.kz/PlanDefinition/universal',
        allowed: ['ActivityDefinition', 'Measure', 'OperationDefinition', 'PlanDefinition', 'Questionnaire'],
        expression: 'CarePlan.instantiatesCanonical[0]',
      },
      { url: 'https://x/Q', allowed: ['Questionnaire'], expression: 'CarePlan.contained[0].questionnaire' },
    ]);
  });

  it('ignores canonicals that may name any resource (meta.profile) and other strings', () => {
    const patient = { resourceType: 'Patient', meta: { profile: ['https://x/p'] }, gender: 'female' } as fhir4.Patient;
    expect(canonicalReferencesOf(patient)).toEqual([]);
  });
});

describe('checkCanonicalReferences', () => {
  const base = 'https://fhir.patronage.kz';
  const stored: fhir4.FhirResource[] = [
    { resourceType: 'PlanDefinition', id: 'plan', url: `${base}/PlanDefinition/p`, version: '1', status: 'active' },
    ...['a', 'b', 'c'].map((code): fhir4.ActivityDefinition => ({
      resourceType: 'ActivityDefinition',
      id: code,
      url: `${base}/ActivityDefinition/${code}`,
      version: '1',
      status: 'active',
    })),
    { resourceType: 'ValueSet', id: 'vs', url: `${base}/ValueSet/wrong`, status: 'active' },
  ];

  async function storeHolding(resources: fhir4.FhirResource[]) {
    const store = await memoryStoreHolding(resources);
    const searched: string[] = [];
    const counting: Pick<ResourceStore, 'search'> = {
      search: (query) => {
        searched.push(query.resourceType);
        return store.search(query);
      },
    };
    return { store: counting, searched };
  }

  function carePlanNaming(plan: string, activities: string[]): fhir4.CarePlan {
    return {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p' },
      instantiatesCanonical: [plan],
      activity: activities.map((url) => ({ detail: { status: 'scheduled', instantiatesCanonical: [url] } })),
    };
  }

  it('settles a plan whose canonicals all name held definitions of allowed types with one search per type', async () => {
    const { store, searched } = await storeHolding(stored);
    const plan = carePlanNaming(
      `${base}/PlanDefinition/p|1`,
      ['a', 'b', 'c'].map((code) => `${base}/ActivityDefinition/${code}|1`),
    );
    expect(await checkCanonicalReferences(store, plan, Date.now())).toEqual([]);
    // One search per allowed type, not one per canonical (four canonicals here).
    expect(new Set(searched).size).toBe(searched.length);
    expect(searched).toContain('ActivityDefinition');
  });

  it('asks the types its urls name first, so an allowed type that holds none of them is not searched', async () => {
    const { store, searched } = await storeHolding(stored);
    const plan = carePlanNaming(
      `${base}/PlanDefinition/p|1`,
      ['a', 'b', 'c'].map((code) => `${base}/ActivityDefinition/${code}|1`),
    );
    expect(await checkCanonicalReferences(store, plan, Date.now())).toEqual([]);
    // Questionnaire is allowed too (and comes first in type order) but holds nothing here.
    expect(searched).toEqual(['ActivityDefinition', 'PlanDefinition']);
  });

  it('still finds a canonical held by a type its element does not allow, beside held ones', async () => {
    const { store } = await storeHolding(stored);
    const plan = carePlanNaming(`${base}/PlanDefinition/p|1`, [
      `${base}/ActivityDefinition/a|1`,
      `${base}/ValueSet/wrong`,
    ]);
    const issues = await checkCanonicalReferences(store, plan, Date.now());
    expect(issues).toHaveLength(1);
    expect(issues[0]!.expression).toEqual(['CarePlan.activity[1].detail.instantiatesCanonical[0]']);
  });

  it('does not count a held url of another version as the canonical', async () => {
    const { store } = await storeHolding([
      ...stored,
      { resourceType: 'Questionnaire', id: 'q', url: `${base}/ActivityDefinition/a`, version: '2', status: 'active' },
    ]);
    // `a|2` is held only as a Questionnaire (allowed); `b|9` is held nowhere: both pass.
    const plan = carePlanNaming(`${base}/PlanDefinition/p|1`, [
      `${base}/ActivityDefinition/a|2`,
      `${base}/ActivityDefinition/b|9`,
    ]);
    expect(await checkCanonicalReferences(store, plan, Date.now())).toEqual([]);
  });
});
