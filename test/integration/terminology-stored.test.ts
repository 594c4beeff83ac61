/**
 * The terminology operations over resources stored on the server besides the guide's. The REST
 * API serves conformance resources read-only, so the test stores them the way the guide loader
 * does (`putResource`) and then asks through `app.request()`, over each store kind.
 * @see https://hl7.org/fhir/R4/terminology-service.html
 */
import { describe, expect, it } from 'vitest';
import type { RestContext } from '../../src/rest/context.js';
import { putResource } from '../../src/rest/router.js';
import { validateResource } from '../../src/validation/validate-resource.js';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const URL_BASE = 'https://example.org/terminology-test';

const CODE_SYSTEM: fhir4.CodeSystem & { id: string } = {
  resourceType: 'CodeSystem',
  id: 'stored-cs',
  status: 'draft',
  content: 'complete',
  url: `${URL_BASE}/CodeSystem/stored`,
  name: 'StoredTest',
  concept: [
    { code: 'a', display: 'Alpha', designation: [{ language: 'ru', value: 'Альфа' }] },
    { code: 'b', display: 'Beta' },
  ],
};

const VALUE_SET: fhir4.ValueSet & { id: string } = {
  resourceType: 'ValueSet',
  id: 'stored-vs',
  status: 'draft',
  url: `${URL_BASE}/ValueSet/stored`,
  compose: { include: [{ system: CODE_SYSTEM.url! }] },
};

const CONCEPT_MAP: fhir4.ConceptMap & { id: string } = {
  resourceType: 'ConceptMap',
  id: 'stored-map',
  status: 'draft',
  url: `${URL_BASE}/ConceptMap/stored`,
  group: [
    {
      source: CODE_SYSTEM.url!,
      target: 'https://fhir.patronage.kz/CodeSystem/danger-sign',
      element: [{ code: 'a', target: [{ code: 'fever', equivalence: 'wider' }] }],
    },
  ],
};

async function storedApp(kind: (typeof STORE_KINDS)[number]) {
  const ctx: RestContext = {
    store: kind.create().store,
    clock: () => new Date(),
    validate: validateResource,
    newId: () => crypto.randomUUID(),
  };
  for (const resource of [CODE_SYSTEM, VALUE_SET, CONCEPT_MAP])
    expect((await putResource(ctx, resource)).status).toBe(201);
  return appOver(ctx.store);
}

async function json<T>(response: Response): Promise<T> {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe.each(STORE_KINDS)('terminology over stored resources ($name)', (kind) => {
  it('expands a stored ValueSet by url and by id, displayed from the stored designations', async () => {
    const app = await storedApp(kind);
    const query = `url=${encodeURIComponent(VALUE_SET.url!)}&displayLanguage=ru`;
    const byUrl = await json<fhir4.ValueSet>(await send(app, 'GET', `ValueSet/$expand?${query}`));
    expect(byUrl.expansion?.contains?.map((c) => [c.code, c.display])).toEqual([
      ['a', 'Альфа'],
      ['b', 'Beta'],
    ]);
    const byId = await json<fhir4.ValueSet>(await send(app, 'GET', 'ValueSet/stored-vs/$expand'));
    expect(byId.expansion?.total).toBe(2);
  });

  it('looks up a stored code and translates through a stored map found without naming it', async () => {
    const app = await storedApp(kind);
    const lookup = await json<fhir4.Parameters>(
      await send(app, 'GET', `CodeSystem/$lookup?system=${encodeURIComponent(CODE_SYSTEM.url!)}&code=b`),
    );
    expect(lookup.parameter?.find((p) => p.name === 'display')?.valueString).toBe('Beta');
    const translate = await json<fhir4.Parameters>(
      await send(app, 'GET', `ConceptMap/$translate?system=${encodeURIComponent(CODE_SYSTEM.url!)}&code=a`),
    );
    const match = translate.parameter?.find((p) => p.name === 'match');
    expect(match?.part?.find((p) => p.name === 'source')?.valueUri).toBe(CONCEPT_MAP.url);
    expect(match?.part?.find((p) => p.name === 'equivalence')?.valueCode).toBe('wider');
  });
});
