// The terminology operations in workerd through the Worker's own fetch handler, as deployed:
// the guide's content is bundled, and D1 is read for ConceptMaps when no map is named.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { igResources } from '../../src/ig/ig-resources.js';

const BASE = 'http://gateway.test/fhir';

async function parametersOf(path: string, init: RequestInit = {}): Promise<fhir4.Parameters> {
  const response = await exports.default.fetch(new Request(`${BASE}${path}`, init));
  expect(response.status).toBe(200);
  return (await response.json()) as fhir4.Parameters;
}

function guideCodeSystem(id: string): fhir4.CodeSystem & { url: string } {
  return igResources().find((r) => r.resourceType === 'CodeSystem' && r.id === id) as fhir4.CodeSystem & {
    url: string;
  };
}

describe('terminology operations on Workers', () => {
  it('expands a guide ValueSet in Kazakh', async () => {
    const codeSystem = guideCodeSystem('visit-outcome');
    const response = await exports.default.fetch(
      new Request(`${BASE}/ValueSet/visit-outcome/$expand?displayLanguage=kk`),
    );
    expect(response.status).toBe(200);
    const expanded = (await response.json()) as fhir4.ValueSet;
    expect(expanded.expansion?.contains?.map((c) => c.display)).toEqual(
      codeSystem.concept?.map((c) => c.designation?.find((d) => d.language === 'kk')?.value),
    );
  });

  it('validates a code with a POSTed Parameters body and translates through every map', async () => {
    const codeSystem = guideCodeSystem('visit-outcome');
    const code = codeSystem.concept?.[0]?.code ?? '';
    const body: fhir4.Parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'url', valueUri: 'https://fhir.patronage.kz/ValueSet/visit-outcome' },
        { name: 'coding', valueCoding: { system: codeSystem.url, code } },
      ],
    };
    const validated = await parametersOf('/ValueSet/$validate-code', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(validated.parameter?.find((p) => p.name === 'result')?.valueBoolean).toBe(true);
    const translated = await parametersOf(
      `/ConceptMap/$translate?system=${encodeURIComponent(codeSystem.url)}&code=${code}&reverse=true`,
    );
    expect(translated.parameter?.find((p) => p.name === 'result')?.valueBoolean).toBe(true);
  });
});
